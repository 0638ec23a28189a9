using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Ask.Core.Tests.Answering;

/// <summary>Extractive answers over sources a test writes out, with only the rules the test leaves switched on.</summary>
internal static class TestAnswers
{
    /// <summary>No similarity floor, no support or unknown-word rule, no key-term rule: the excerpt choice alone decides.</summary>
    public static AnswerOptions Lenient() => new() { NotInArchiveThreshold = 0.05, SupportThreshold = 0, UnknownWordMatch = 0, RequireKeyTerms = false };

    public static async Task<Answer> ExtractiveAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, string question,
        IReadOnlyList<AnswerSource> sources, AnswerOptions options)
    {
        var sut = new ExtractiveAnswerer(embedder, Options.Create(options));
        var vector = await embedder.GenerateVectorAsync(question, cancellationToken: default);
        return (await sut.AnswerAsync(question, vector, sources, null, default)).Answer;
    }
}
