using System.Text.Json;
using Ask.Adapters.LlamaSharp;
using Ask.Answering.ChatModel;
using Ask.Answering.ChatModel.Schema;
using Ask.Adapters.LlamaSharp.Chat;
using Ask.Adapters.LlamaSharp.Model;
using Ask.Testing.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ask.Benchmarks;

/// <summary>
/// The in-process model's speed: time to first token, decoding tokens per second, and what the answer
/// grammar costs per token against unconstrained sampling of the same model and prompt, runs interleaved
/// in one process. Without <c>--model</c> it builds the tiny random-weight test model.
/// </summary>
internal static class LlmBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var runs = args.Int("n", 6);
        var threads = args.Int("threads", 1);
        var directory = Path.Combine(Path.GetTempPath(), "ask-llm-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var path = args.Optional("model") ?? new TinyLlamaModel().Write(Path.Combine(directory, "tiny.gguf"));
            var options = new LlmOptions
            {
                Provider = LlmOptions.LocalProvider,
                ModelPath = path,
                ContextTokens = args.Int("context", 8192),
                Threads = threads,
                MaxOutputTokens = args.Int("tokens", 1024),
                Temperature = 1,
            };
            using var model = new LocalModel(Options.Create(options), NullLogger<LocalModel>.Instance);
            var loadStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            var loaded = model.Loaded;
            var loadMs = System.Diagnostics.Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds;
            using var client = new LlamaChatClient(model, TimeProvider.System, NullLogger<LlamaChatClient>.Instance);

            var prompt = Prompt();
            var grammar = ChatResponseFormat.ForJsonSchema(BoundedDraftAnswerSchema.Schema, "draft_answer");
            Console.WriteLine($"model {loaded.Name} ({loaded.Architecture}, {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MB) loaded in {loadMs:F0} ms; " +
                $"prompt {client.CountPromptTokens(prompt)} tokens; {threads} thread(s); up to {options.MaxOutputTokens} output tokens; {runs} runs per mode, interleaved");

            var free = new List<ChatResponse>();
            var constrained = new List<ChatResponse>();
            await client.GetResponseAsync(prompt, new ChatOptions { MaxOutputTokens = 8, Seed = 0 }); // warm-up
            for (var seed = 1; seed <= runs; seed++)
            {
                free.Add(await client.GetResponseAsync(prompt, new ChatOptions { Seed = seed }));
                constrained.Add(await client.GetResponseAsync(prompt, new ChatOptions { Seed = seed, ResponseFormat = grammar }));
            }

            var (freeRate, freeSampling) = Report("unconstrained", free);
            var (grammarRate, grammarSampling) = Report("DraftAnswer grammar", constrained);
            var parsed = constrained.Count(r => r.FinishReason == ChatFinishReason.Stop && Parses(r.Text));
            Console.WriteLine($"grammar replies that finished and parse as JSON: {parsed}/{constrained.Count(r => r.FinishReason == ChatFinishReason.Stop)} (truncated at the limit: {constrained.Count(r => r.FinishReason == ChatFinishReason.Length)})");
            // Sampling time is measured around the sampler alone, so the grammar's cost is not lost in the noise of
            // evaluating the model on shared cores; the end-to-end rates are printed beside it.
            Console.WriteLine($"grammar overhead: {grammarSampling - freeSampling:F3} ms per token in sampling ({freeSampling:F3} -> {grammarSampling:F3} ms); " +
                $"end to end {freeRate:F0} -> {grammarRate:F0} tokens/s ({(freeRate / grammarRate - 1) * 100:+0;-0}%)");
            Console.WriteLine($"peak memory {Stats.PeakMemoryMb():F0} MB");
            return 0;
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Prints one mode's figures; returns its decoding rate (tokens per second over all runs) and sampling ms per token.</summary>
    private static (double PerSecond, double SamplingMs) Report(string mode, List<ChatResponse> responses)
    {
        var firstToken = responses.Select(r => (double)r.AdditionalProperties![LlamaChatClient.FirstTokenMs]!).ToList();
        var tokens = responses.Sum(r => (double)r.Usage!.OutputTokenCount!.Value - 1);
        // Decoding time of a run = its tokens after the first / its rate; summed, so long runs weigh more.
        var seconds = responses.Sum(r => (double)r.AdditionalProperties![LlamaChatClient.TokensPerSecond]! is var rate && rate > 0 ? (r.Usage!.OutputTokenCount!.Value - 1) / rate : 0);
        var perSecond = tokens / seconds;
        var samplingMs = responses.Sum(r => (double)r.AdditionalProperties![LlamaChatClient.SamplingMs]!) / responses.Sum(r => (double)r.Usage!.OutputTokenCount!.Value);
        Console.WriteLine($"{mode,-20} time to first token p50 {Stats.Percentile(firstToken, 50):F0} ms (p95 {Stats.Percentile(firstToken, 95):F0}); " +
            $"{perSecond:F0} tokens/s decoding; output tokens per run {string.Join(",", responses.Select(r => r.Usage!.OutputTokenCount))}");
        return (perSecond, samplingMs);
    }

    private static bool Parses(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>An answer-sized prompt: the real rules and three source-like blocks of transcript text.</summary>
    private static ChatMessage[] Prompt()
    {
        var rules = new Ask.Answering.ChatModel.Prompts.PromptLibrary().Get("answer", 2);
        var sources = string.Join("\n", Enumerable.Range(1, 3).Select(n =>
            $"<source number=\"{n}\" episode=\"Lean MLOps\" time=\"1:{n}0–2:{n}0\">\n[1:{n}0] Nemanja: We tried Kubeflow and it was a pain for a small team, too many YAML files.\n[1:{n}5] Alexey: So what did you use instead?\n</source>"));
        return
        [
            new ChatMessage(ChatRole.System, rules.System),
            new ChatMessage(ChatRole.User, rules.Render("user", new Dictionary<string, string> { ["question"] = "What does Nemanja think about Kubeflow?", ["sources"] = sources })),
        ];
    }
}
