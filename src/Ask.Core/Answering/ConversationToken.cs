using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Ask.Core.Answering;

/// <summary>
/// A conversation carried by the client instead of a server-side session: the last turns, compressed
/// into an opaque <c>conversation_id</c> that every answer returns and the next question sends back.
/// Any replica can continue any conversation, with no shared store. It is not signed: it holds only
/// what the client could send as <c>history</c> anyway.
/// </summary>
public static class ConversationToken
{
    private const int MaxAnswerChars = 600;
    private const int MaxTokenChars = 16_384;

    public static string Encode(IReadOnlyList<ConversationTurn> turns)
    {
        var trimmed = turns.Select(t => t with { Answer = t.Answer.Length <= MaxAnswerChars ? t.Answer : t.Answer[..MaxAnswerChars] }).ToArray();
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(deflate, trimmed);
        return "c1." + Convert.ToBase64String(buffer.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The turns in <paramref name="token"/>, or null (with <paramref name="error"/>) when it is not one this service issued.</summary>
    public static IReadOnlyList<ConversationTurn>? TryDecode(string token, out string? error)
    {
        error = null;
        if (token.Length > MaxTokenChars || !token.StartsWith("c1.", StringComparison.Ordinal))
        {
            error = "conversation_id is not one this service issued; send the conversation_id of the previous answer.";
            return null;
        }
        try
        {
            var base64 = token[3..].Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            using var deflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
            using var limited = new StreamReader(deflate, Encoding.UTF8);
            var json = limited.ReadToEnd();
            return JsonSerializer.Deserialize<ConversationTurn[]>(json) ?? [];
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or JsonException)
        {
            error = "conversation_id is damaged; send the conversation_id of the previous answer unchanged.";
            return null;
        }
    }
}
