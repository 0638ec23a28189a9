using System.Text;
using System.Text.Json.Nodes;
using Ask.Core.Answering;
using Ask.Core.Episodes;

namespace Ask.Adapters.Slack.Rendering;

/// <summary>
/// An answer as Block Kit: the escaped answer in sections of at most 3,000 characters, one context line
/// per citation linking to the moment, feedback buttons, and a footer with the request id. Never throws on
/// size: what does not fit is cut with a note, inside Slack's limits, since Slack rejects a message over them outright.
/// </summary>
internal static class BlockKitRenderer
{
    public const string HelpfulAction = "feedback_helpful";
    public const string NotHelpfulAction = "feedback_not_helpful";
    private const string FeedbackBlock = "feedback";
    private const string TallyBlock = "feedback_tally";
    private const int MaxAnswerSections = 3;
    private const int MaxQuoteChars = 160;

    public static SlackMessage Answer(Answer answer, string answerId, string requestId)
    {
        var blocks = new JsonArray();
        var budget = SlackLimits.TotalText - 600; // footer, buttons and the "more sources" note
        string fallback;
        switch (answer.Status)
        {
            case AnswerStatus.NotInArchive:
                fallback = ":mag: I couldn't find that in the podcast archive — no episode covers it, so I won't guess.";
                blocks.Add(Section(fallback));
                break;
            case AnswerStatus.Refused:
                fallback = ":no_entry: " + Mrkdwn.Escape(answer.Text);
                blocks.Add(Section(Mrkdwn.Truncate(fallback, SlackLimits.SectionText)));
                break;
            default:
                var text = Mrkdwn.Escape(answer.Text);
                fallback = text;
                foreach (var part in Split(text, SlackLimits.SectionText, MaxAnswerSections))
                {
                    blocks.Add(Section(part));
                    budget -= part.Length;
                }
                break;
        }

        var citations = answer.Citations;
        if (citations.Count > 0) blocks.Add(new JsonObject { ["type"] = "divider" });
        var reserved = 3; // "more sources" note, buttons, footer
        var shown = 0;
        foreach (var citation in citations)
        {
            var line = CitationLine(citation);
            if (blocks.Count + reserved >= SlackLimits.Blocks || line.Length > budget) break;
            blocks.Add(Context(line));
            budget -= line.Length;
            shown++;
        }
        if (shown < citations.Count) blocks.Add(Context($"…and {citations.Count - shown} more source(s) not shown."));

        if (answer.Status == AnswerStatus.Answered) blocks.Add(FeedbackButtons(answerId));
        var footer = $"{(answer.Mode == AnswerMode.Extractive ? "Quoted from the transcripts (no language model)" : "Written by the model from the cited moments")} · request `{requestId}`";
        if (answer.Degraded is not null) footer += " · fell back to quotes: " + Mrkdwn.Escape(Mrkdwn.Truncate(answer.Degraded, 200));
        blocks.Add(Context(footer));
        return new SlackMessage(Mrkdwn.Truncate(fallback, SlackLimits.FallbackText), blocks);
    }

    /// <summary>
    /// The posted answer again, with a tally under its buttons: how <c>chat.update</c> shows a vote was
    /// counted. The blocks come from Slack's copy of the message; only the tally block is the bot's new text.
    /// </summary>
    public static SlackMessage WithTally(string text, JsonArray postedBlocks, int helpful, int notHelpful)
    {
        var blocks = new JsonArray();
        foreach (var block in postedBlocks)
        {
            if (block?["block_id"]?.GetValue<string>() == TallyBlock) continue;
            blocks.Add(block!.DeepClone());
            if (block["block_id"]?.GetValue<string>() == FeedbackBlock)
            {
                var tally = Context($"Feedback so far: {helpful} helpful · {notHelpful} not helpful — thank you.");
                tally["block_id"] = TallyBlock;
                blocks.Add(tally);
            }
        }
        return new SlackMessage(text, blocks);
    }

    public static SlackMessage Error(string requestId) =>
        SlackMessage.Plain($":warning: Sorry — something went wrong while answering. If it keeps happening, quote request id `{requestId}`.");

    public static SlackMessage Problem(string message, string requestId) =>
        SlackMessage.Plain($":warning: {Mrkdwn.Escape(message)} (request `{requestId}`)");

    /// <summary><c>*[1]* _Title_ · 0:12:05–0:13:40 · Speaker · “quote” · ▶ link</c></summary>
    private static string CitationLine(Citation citation)
    {
        var line = new StringBuilder();
        line.Append($"*[{citation.Marker}]* _{Mrkdwn.Escape(Mrkdwn.Truncate(citation.EpisodeTitle, 150))}_");
        // Only another podcast is named: the first archive's answers read as they always did.
        if (citation.Podcast != Podcast.DataTalksClub) line.Append(" (").Append(Mrkdwn.Escape(Mrkdwn.Truncate(citation.Podcast.Title, 80))).Append(')');
        line.Append($" · {Mrkdwn.Clock(citation.StartSec)}–{Mrkdwn.Clock(citation.EndSec)}");
        if (!string.IsNullOrWhiteSpace(citation.Speaker)) line.Append(" · ").Append(Mrkdwn.Escape(Mrkdwn.Truncate(citation.Speaker, 80)));
        if (!string.IsNullOrWhiteSpace(citation.Quote)) line.Append(" · “").Append(Mrkdwn.Escape(Mrkdwn.Truncate(citation.Quote, MaxQuoteChars))).Append('”');
        if (Mrkdwn.Link(citation.Url, LinkLabel(citation)) is { } link) line.Append(" · ").Append(link);
        return line.ToString();
    }

    /// <summary>What the citation's link opens (<see cref="MomentLink"/>): the video, the audio at the moment, or the episode's page.</summary>
    private static string LinkLabel(Citation citation) =>
        citation.Url is null || citation.Url.StartsWith("https://www.youtube.com/", StringComparison.Ordinal) ? "▶ watch at " + Mrkdwn.Clock(citation.StartSec)
        : citation.Url.Contains("#t=", StringComparison.Ordinal) ? "▶ listen at " + Mrkdwn.Clock(citation.StartSec)
        : "episode page";

    private static JsonObject FeedbackButtons(string answerId) => new()
    {
        ["type"] = "actions",
        ["block_id"] = FeedbackBlock,
        ["elements"] = new JsonArray(
            Button(HelpfulAction, ":thumbsup: Helpful", answerId, "primary"),
            Button(NotHelpfulAction, ":thumbsdown: Not helpful", answerId, null)),
    };

    private static JsonObject Button(string actionId, string label, string value, string? style)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = label, ["emoji"] = true },
            ["value"] = value,
        };
        if (style is not null) button["style"] = style;
        return button;
    }

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Mrkdwn.Block(text) };

    private static JsonObject Context(string text) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn.Block(Mrkdwn.Truncate(text, SlackLimits.ContextText))),
    };

    /// <summary>Pieces of at most <paramref name="max"/> characters, broken at paragraph or word ends; the last piece says when text was cut.</summary>
    internal static IReadOnlyList<string> Split(string text, int max, int maxPieces)
    {
        var pieces = new List<string>();
        var rest = text;
        while (rest.Length > 0 && pieces.Count < maxPieces)
        {
            if (rest.Length <= max)
            {
                pieces.Add(rest);
                return pieces;
            }
            if (pieces.Count == maxPieces - 1)
            {
                pieces.Add(Mrkdwn.Truncate(rest, max));
                return pieces;
            }
            var window = rest[..max];
            var cut = window.LastIndexOf("\n\n", StringComparison.Ordinal);
            if (cut < max / 2) cut = window.LastIndexOf(' ');
            if (cut < max / 2) cut = max;
            var amp = window[..cut].LastIndexOf('&');
            if (amp >= 0 && window[..cut].IndexOf(';', amp) < 0) cut = amp;
            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        return pieces;
    }
}
