using System.Text.RegularExpressions;
using Ask.Core.Answering;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;

namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// Options typed into a Slack question, <c>podcast:ID</c>: Slack has no form fields, so the podcast filter
/// the page and the API offer is a word of the message. The word is taken out of the question asked.
/// </summary>
internal static partial class QuestionOptions
{
    /// <summary>Podcasts one question may name; a message is short, and so is this list.</summary>
    public const int MaxPodcasts = 5;

    /// <returns>The question without its options, and the filter they make (null without any).</returns>
    /// <exception cref="AskRequestException">An option names no valid podcast id, or too many.</exception>
    public static (string Question, SearchFilter? Filter) Read(string text)
    {
        var podcasts = new List<string>();
        foreach (Match match in PodcastOption().Matches(text))
        {
            var id = match.Groups["id"].Value;
            if (PodcastSpec.CheckId(id) is { } error) throw new AskRequestException("podcast", $"The option podcast:{id} {error}.");
            if (!podcasts.Contains(id, StringComparer.Ordinal)) podcasts.Add(id);
        }
        if (podcasts.Count == 0) return (text, null);
        if (podcasts.Count > MaxPodcasts) throw new AskRequestException("podcast", $"Name at most {MaxPodcasts} podcasts with podcast: in one question.");
        var question = Spaces().Replace(PodcastOption().Replace(text, " "), " ").Trim();
        return (question, new SearchFilter { Podcasts = podcasts });
    }

    [GeneratedRegex(@"(?<![\w/:.-])podcast:(?<id>\S*)", RegexOptions.IgnoreCase)]
    private static partial Regex PodcastOption();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
