using System.Text.RegularExpressions;

namespace Ask.Core.Answering;

/// <summary>
/// Without a language model, a follow-up ("what did he say about Dagster?") is made standalone by
/// carrying the previous question along: retrieval then sees both the new topic and whom or what the
/// pronouns refer to.
/// </summary>
public static partial class FollowUpRewriter
{
    [GeneratedRegex(@"\b(he|she|they|him|her|them|his|their|it|its|this|that|these|those|there|same|also|else|more)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Referring();

    public static string Rewrite(string question, IReadOnlyList<ConversationTurn> history)
    {
        if (history.Count == 0) return question;
        var words = question.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (!Referring().IsMatch(question) && words >= 6) return question;
        return $"{question.TrimEnd()} (about: {history[^1].Question.Trim()})";
    }
}
