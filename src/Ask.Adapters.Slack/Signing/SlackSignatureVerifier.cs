using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ask.Adapters.Slack.Signing;

/// <summary>
/// Slack's request signing (a signature over the wrong bytes is the classic failure; see docs/failure-modes.md#33-signatures-over-the-wrong-bytes): <c>v0=</c> + hex(HMAC-SHA256(secret, <c>v0:{timestamp}:{raw body}</c>)),
/// computed over the bytes as they arrived — never over a re-encoded form — and compared in constant time.
/// Timestamps more than five minutes from now are refused as replays.
/// </summary>
internal sealed class SlackSignatureVerifier(byte[] secret, TimeProvider time)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return SignatureCheck.MissingHeaders;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return SignatureCheck.BadTimestamp;
        var skew = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799));
        if (skew.Duration() > MaxSkew) return SignatureCheck.Expired;

        var prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var expected = Encoding.ASCII.GetBytes("v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed)));
        var sent = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, sent) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
