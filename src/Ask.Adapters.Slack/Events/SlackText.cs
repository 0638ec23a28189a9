using System.Text.RegularExpressions;

namespace Ask.Adapters.Slack.Events;

/// <summary>Turns a Slack message's text into the question a person typed.</summary>
internal static partial class SlackText
{
    /// <summary>Drops user mentions (<c>&lt;@U123&gt;</c>, the bot's own above all) and undoes Slack's three escapes.</summary>
    public static string Question(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var withoutMentions = Mention().Replace(text, " ");
        return Spaces().Replace(withoutMentions, " ").Trim().Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
    }

    [GeneratedRegex(@"<@[A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex Mention();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
