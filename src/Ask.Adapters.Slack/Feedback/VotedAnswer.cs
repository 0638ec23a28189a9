namespace Ask.Adapters.Slack.Feedback;

/// <summary>An answer with its votes.</summary>
public sealed record VotedAnswer(AnswerRecord Answer, int Helpful, int NotHelpful)
{
    public bool IsHelpful => Helpful > NotHelpful;
}
