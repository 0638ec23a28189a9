using Ask.Adapters.LlamaSharp.Tests.Support;
using Ask.Answering.ChatModel;
using Ask.Core.Answering;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Ask.Adapters.LlamaSharp.Tests.Answering;

/// <summary>
/// The real <see cref="AnswerService"/> with the local model: replies always have the contract's shape, but
/// random weights cannot quote the sources, so validation rejects them and the service answers extractively.
/// </summary>
public sealed class LocalAnswerPipelineTests(TinyModelFixture tiny, IndexedTranscripts archive, ITestOutputHelper output)
    : IClassFixture<TinyModelFixture>, IClassFixture<IndexedTranscripts>
{
    private ChatAnswerModel Model(LlmOptions options) => tiny.AnswerModel(options);

    [Fact]
    public async Task RandomWeights_RepliesParseButAreRejected_AnswerFallsBackToExtractive()
    {
        var fallbacks = 0;
        foreach (var seed in new uint[] { 2, 3, 4 })
        {
            var options = TinyModelFixture.Options(tiny.ModelPath);
            options.Seed = seed;
            var recorder = new RecordingAnswerModel(Model(options));

            var result = await archive.Service(recorder).AskAsync(new ChatRequest("What does Nemanja think about Kubeflow?"), default);

            var answer = result.Answer;
            output.WriteLine($"seed {seed}: {answer.Mode} {answer.Status} degraded={answer.Degraded}; replies: {string.Join(" / ", recorder.Replies.Select(r => r.Kind + " " + Shorten(r.Content)))}");
            Assert.All(recorder.Replies.Where(r => r.Kind == ModelReplyKind.Completed), r => DraftContract.Parse(r.Content!));
            // Nothing a random model wrote may pass as a cited answer.
            Assert.False(answer is { Mode: AnswerMode.Generative, Status: AnswerStatus.Answered }, answer.Text);
            if (answer.Mode == AnswerMode.Extractive)
            {
                fallbacks++;
                Assert.Matches("^(validation_failed|model_output_truncated)", answer.Degraded);
                Assert.NotEmpty(answer.Citations);
            }
        }
        Assert.True(fallbacks > 0, "no question ended in the extractive fallback");
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 120 ? text[..120] + "…" : text;
}
