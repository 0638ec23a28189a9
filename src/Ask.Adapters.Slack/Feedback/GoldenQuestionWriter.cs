using System.Globalization;
using System.Text;

namespace Ask.Adapters.Slack.Feedback;

/// <summary>
/// Voted answers in the golden-question file format (a YAML list of id, question, episode, start, end,
/// facts, tags), so a bad answer becomes a test case. A helpful answer's citation is taken as the expected
/// moment and its quotes as facts; a not-helpful one keeps episode and facts empty for a person to fill in,
/// with what the bot said and cited as comments.
/// </summary>
public static class GoldenQuestionWriter
{
    public static string Write(IReadOnlyList<VotedAnswer> answers, DateTimeOffset exportedAt)
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"# Slack feedback exported {exportedAt:yyyy-MM-dd HH:mm}Z: {answers.Count} voted answer(s).\n");
        yaml.Append("# Items tagged needs-review were voted not helpful: write the facts and moment the right answer needs.\n");
        if (answers.Count == 0) yaml.Append("[]\n");
        foreach (var voted in answers)
        {
            var answer = voted.Answer;
            var first = voted.IsHelpful ? answer.Citations.FirstOrDefault() : null;
            yaml.Append($"- id: slack-{answer.Id[..Math.Min(12, answer.Id.Length)]}\n");
            yaml.Append($"  question: {Quote(answer.Question)}\n");
            if (!voted.IsHelpful)
            {
                Comment(yaml, $"votes: {voted.Helpful} helpful, {voted.NotHelpful} not helpful; request {answer.RequestId}; status {answer.Status}");
                Comment(yaml, "bot answered: " + answer.Answer);
                foreach (var c in answer.Citations) Comment(yaml, $"cited [{c.Marker}] {c.EpisodeId} {c.Start}-{c.End}: {c.Quote}");
            }
            yaml.Append($"  episode: {(first is null ? "null" : Quote(first.EpisodeId))}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"  start: {(first is null ? "null" : Math.Floor(first.StartSec).ToString(CultureInfo.InvariantCulture))}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"  end: {(first is null ? "null" : Math.Ceiling(first.EndSec).ToString(CultureInfo.InvariantCulture))}\n");
            var facts = voted.IsHelpful ? answer.Citations.Where(c => c.EpisodeId == first?.EpisodeId).Select(c => c.Quote).Distinct().ToArray() : [];
            if (facts.Length == 0) yaml.Append("  facts: []\n");
            else
            {
                yaml.Append("  facts:\n");
                foreach (var fact in facts) yaml.Append($"    - {Quote(fact)}\n");
            }
            yaml.Append(voted.IsHelpful ? "  tags: [slack-feedback, helpful]\n" : "  tags: [slack-feedback, not-helpful, needs-review]\n");
        }
        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar: backslash, quote and control characters escaped.</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                // YAML 1.1 readers take NEL, LS and PS for line breaks: escaped like the control characters.
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }

    private static void Comment(StringBuilder yaml, string text)
    {
        // Every line separator starts a new comment line, so nothing in a quote can leave the comment.
        foreach (var line in text.Split(LineBreaks, StringSplitOptions.None)) yaml.Append("  # ").Append(line).Append('\n');
    }

    private static readonly string[] LineBreaks = ["\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029", "\v", "\f"];
}
