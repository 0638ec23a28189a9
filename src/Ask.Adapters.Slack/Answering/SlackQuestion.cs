namespace Ask.Adapters.Slack.Answering;

/// <summary>A question taken from Slack, with where its answer goes.</summary>
/// <param name="RequestId">Shown in error messages and logged, so a user's report finds the log lines.</param>
/// <param name="ThreadTs">The thread the answer goes in (the message's own ts when it started no thread); null for commands.</param>
/// <param name="InThread">The message was a reply inside an existing thread: the thread's earlier turns are the conversation.</param>
/// <param name="ResponseUrl">Where a slash command's answer goes.</param>
internal sealed record SlackQuestion(
    string RequestId,
    QuestionSource Source,
    string Text,
    string Channel,
    string User,
    string? ThreadTs,
    bool InThread = false,
    string? ResponseUrl = null,
    string? MessageTs = null);
