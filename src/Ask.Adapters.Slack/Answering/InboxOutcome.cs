namespace Ask.Adapters.Slack.Answering;

/// <summary>What became of an incoming event; every outcome is acknowledged with 200.</summary>
internal enum InboxOutcome
{
    Queued,
    Duplicate,
    Ignored,
    Help,
    RateLimited,
    QueueFull,
    Invalid,
}
