using Ask.Core.Retrieval;

namespace Ask.Core.Answering;

/// <summary>A retrieved passage as numbered in the prompt (<c>[1]</c>, <c>[2]</c>, ...).</summary>
public sealed record AnswerSource(int Number, Passage Passage)
{
    public static IReadOnlyList<AnswerSource> NumberAll(IReadOnlyList<Passage> passages) =>
        passages.Select((p, i) => new AnswerSource(i + 1, p)).ToArray();
}
