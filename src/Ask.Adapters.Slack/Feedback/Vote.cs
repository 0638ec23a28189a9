namespace Ask.Adapters.Slack.Feedback;

public enum Vote
{
    Helpful,
    NotHelpful,
}
