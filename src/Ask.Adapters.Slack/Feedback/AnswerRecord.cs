using Ask.Core.Answering;

namespace Ask.Adapters.Slack.Feedback;

/// <summary>An answer the bot posted, kept so a vote on it can become a test case.</summary>
public sealed record AnswerRecord(string Id, string RequestId, DateTimeOffset AskedAt, string Question, string Answer, string Status, IReadOnlyList<Citation> Citations);
