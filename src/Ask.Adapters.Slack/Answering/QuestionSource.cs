namespace Ask.Adapters.Slack.Answering;

internal enum QuestionSource
{
    /// <summary>An <c>app_mention</c> in a channel.</summary>
    Mention,
    /// <summary>A message in the bot's direct-message channel (<c>message.im</c>).</summary>
    DirectMessage,
    /// <summary>The <c>/ask</c> slash command.</summary>
    Command,
}
