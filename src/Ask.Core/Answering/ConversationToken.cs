using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Ask.Core.Answering;

/// <summary>
/// A conversation carried by the client instead of a server-side session: the last turns, compressed
/// into an opaque <c>conversation_id</c> that every answer returns and the next question sends back.
/// Any replica can continue any conversation, with no shared store. It is not signed: it holds only
/// what the client could send as <c>history</c> anyway, and is checked as strictly: at most
/// <see cref="RequestLimits.MaxConversationBytes"/> of JSON once inflated (read through a bounded
/// reader, so a compression bomb stops there), and every turn checked like a question.
/// </summary>
public static class ConversationToken
{
    private const int MaxAnswerChars = 600;
    private const int MaxTokenChars = 16_384;

    // Non-ASCII letters stay UTF-8 (not \uXXXX), so a turn costs what it says and the size budget holds.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Encode(IReadOnlyList<ConversationTurn> turns)
    {
        var trimmed = turns.Select(t => t with { Question = RequestLimits.Cap(t.Question), Answer = t.Answer.Length <= MaxAnswerChars ? t.Answer : t.Answer[..MaxAnswerChars] }).ToList();
        // The oldest turns go first when the JSON would not fit the budget the decoder enforces.
        var json = JsonSerializer.SerializeToUtf8Bytes(trimmed, Json);
        while (json.Length > RequestLimits.MaxConversationBytes && trimmed.Count > 1)
        {
            trimmed.RemoveAt(0);
            json = JsonSerializer.SerializeToUtf8Bytes(trimmed, Json);
        }
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(json);
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
        const string Damaged = "conversation_id is damaged; send the conversation_id of the previous answer unchanged.";
        byte[] json;
        try
        {
            var base64 = token[3..].Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            using var deflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
            // Reads at most one byte past the budget: a token that inflates further is refused, not inflated.
            var bounded = new byte[RequestLimits.MaxConversationBytes + 1];
            var length = 0;
            int read;
            while (length < bounded.Length && (read = deflate.Read(bounded, length, bounded.Length - length)) > 0) length += read;
            if (length > RequestLimits.MaxConversationBytes)
            {
                error = $"conversation_id holds more than {RequestLimits.MaxConversationBytes} bytes of conversation; send the conversation_id of the previous answer.";
                return null;
            }
            json = bounded[..length];
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            error = Damaged;
            return null;
        }
        ConversationTurn?[]? turns;
        try
        {
            turns = JsonSerializer.Deserialize<ConversationTurn?[]>(json);
        }
        catch (JsonException)
        {
            error = Damaged;
            return null;
        }
        if (turns is null) return [];
        try
        {
            RequestLimits.EnsureTurns("conversation_id", turns);
        }
        catch (AskRequestException e)
        {
            error = $"conversation_id: {e.Message}";
            return null;
        }
        return turns.Select(t => t! with { Answer = t!.Answer ?? "" }).ToArray();
    }
}
