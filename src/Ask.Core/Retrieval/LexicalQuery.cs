using System.Text.RegularExpressions;

namespace Ask.Core.Retrieval;

/// <summary>
/// Prepares a question for the lexical ranking: drops the words that only frame a question ("what does
/// she think about", "did the guest say") so BM25 matches on the topic words. The dense ranking sees
/// the question unchanged.
/// </summary>
public static partial class LexicalQuery
{
    // Interrogatives, auxiliaries, pronouns and reporting verbs: frequent in every transcript, so they
    // carry little BM25 weight, but in a short question they still add noise to every candidate.
    private static readonly HashSet<string> FramingWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
        "does", "do", "did", "doing", "done", "is", "are", "was", "were", "be", "been", "being",
        "has", "have", "had", "can", "could", "would", "should", "will", "shall", "may", "might", "must",
        "i", "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her", "they", "them", "their", "it", "its",
        "think", "thinks", "thought", "say", "says", "said", "saying", "mention", "mentioned", "mentions",
        "talk", "talks", "talked", "tell", "told", "explain", "explained", "describe", "described",
        "guest", "guests", "host", "podcast", "episode", "someone", "anyone", "according",
        "about", "the", "a", "an", "of", "to", "in", "on", "for", "with", "and", "or", "that", "this", "there",
    };

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’\-\.+#]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    public static string From(string question)
    {
        var kept = Word().Matches(question).Select(m => m.Value).Where(w => !FramingWords.Contains(w)).ToArray();
        // A question made only of framing words ("what did he say?") keeps them: better than nothing.
        return kept.Length == 0 ? question : string.Join(' ', kept);
    }
}
