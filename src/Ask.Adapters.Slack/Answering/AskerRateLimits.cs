namespace Ask.Adapters.Slack.Answering;

/// <summary>Per-person and per-channel question limits, with the friendly text to show when one is reached.</summary>
internal sealed class AskerRateLimits(SlackOptions options, TimeProvider time)
{
    private readonly SlidingWindowLimiter _users = new(options.UserQuestionsPerMinute, time);
    private readonly SlidingWindowLimiter _channels = new(options.ChannelQuestionsPerMinute, time);

    /// <summary>Null when the question may go ahead; otherwise what to tell the asker.</summary>
    public string? Check(SlackQuestion question)
    {
        if (!_users.TryAcquire(question.User))
            return $"You've asked {options.UserQuestionsPerMinute} questions in the last minute — please wait a moment and ask again.";
        if (!_channels.TryAcquire(question.Channel))
            return "This channel has asked a lot of questions in the last minute — please wait a moment and ask again.";
        return null;
    }
}
