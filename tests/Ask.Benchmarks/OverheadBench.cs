using System.Diagnostics;
using System.Text.Json;
using Ask.Core.Answering;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Ask.Hosting.Evaluation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ask.Benchmarks;

/// <summary>
/// The generative path's own cost — retrieval, prompt handling, parsing, validation, snapping — with a
/// model that answers instantly (a valid draft quoting the top source), against retrieval alone on the
/// same question in the same loop, so machine noise hits both.
/// </summary>
internal static class OverheadBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var questions = GoldenQuestionFile.Load(args.Required("golden")).Select(q => q.Question).ToArray();
        var n = args.Int("n", 200);
        await using var services = args.BuildServices();
        var retriever = services.GetRequiredService<Retriever>();
        var options = services.GetRequiredService<IOptions<AnswerOptions>>();
        var answers = new AnswerService(retriever, services.GetRequiredService<ExtractiveAnswerer>(),
            services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), services.GetRequiredService<AnswerMetrics>(),
            options, services.GetRequiredService<ILogger<AnswerService>>(), new InstantModel());

        for (var i = 0; i < 10; i++) await answers.AskAsync(new ChatRequest(questions[i % questions.Length]), default);
        var retrieval = new List<double>();
        var generative = new List<double>();
        var beyond = new List<double>();
        var valid = 0;
        for (var i = 0; i < n; i++)
        {
            var question = questions[i % questions.Length];
            var clock = Stopwatch.StartNew();
            await retriever.SearchAsync(question, options.Value.Sources, null, default);
            var r = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var result = await answers.AskAsync(new ChatRequest(question), default);
            var g = clock.Elapsed.TotalMilliseconds;
            if (result.Answer.Mode == AnswerMode.Generative && result.Answer.Degraded is null) valid++;
            retrieval.Add(r);
            generative.Add(g);
            beyond.Add(g - r);
        }
        Console.WriteLine($"generative path with an instant model, {n} questions ({valid} answered generatively, validated): " +
                          $"p50 {Stats.Percentile(generative, 50):F1} ms, p95 {Stats.Percentile(generative, 95):F1} ms (goal p50 <= 15 ms)");
        Console.WriteLine($"retrieval alone (same questions, same loop): p50 {Stats.Percentile(retrieval, 50):F1} ms, p95 {Stats.Percentile(retrieval, 95):F1} ms; " +
                          $"beyond retrieval p50 {Stats.Percentile(beyond, 50):F2} ms; ratio {Stats.Percentile(generative, 50) / Stats.Percentile(retrieval, 50):F2}");
        return 0;
    }

    /// <summary>Answers at once with a draft that quotes the first sentence of the top source: what a good model returns.</summary>
    private sealed class InstantModel : IAnswerModel
    {
        public string Name => "instant";

        public Task<ModelReply> ComposeAsync(AnswerPrompt prompt, CancellationToken cancellationToken)
        {
            var passage = prompt.Sources[0].Passage;
            var line = passage.Lines.First(l => l.Length > 20);
            var words = passage.Text.Substring(line.Offset, line.Length).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8);
            var draft = new DraftAnswer(DraftStatus.Answered, "They said so [1].",
                [new DraftCitation(1, 1, string.Join(' ', words), Timestamp.Format(line.StartSec))]);
            return Task.FromResult(new ModelReply(ModelReplyKind.Completed, JsonSerializer.Serialize(draft), "instant.v1"));
        }

        public Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken) =>
            Task.FromResult(question);
    }
}
