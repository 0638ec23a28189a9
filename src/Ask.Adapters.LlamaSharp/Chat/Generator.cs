using System.Diagnostics;
using Ask.Adapters.LlamaSharp.Model;
using Ask.Core;
using LLama;
using LLama.Native;

namespace Ask.Adapters.LlamaSharp.Chat;

/// <summary>
/// One generation on its own context: read the prompt, then sample token by token — under the grammar
/// when there is one, so the reply cannot leave its shape — until the model ends it or the limit is hit.
/// Runs synchronously (llama.cpp calls block); the token is checked between every step, so a cancelled
/// request stops within one token (or one prompt chunk).
/// </summary>
internal static class Generator
{
    /// <summary>Prompt tokens read per call: small enough that cancellation is noticed promptly.</summary>
    private const int PromptChunk = 128;

    /// <exception cref="AskException">The prompt and the output limit do not fit the context.</exception>
    public static GenerationResult Run(LoadedModel model, GenerationRequest request, Action<string>? onText, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var prompt = model.Tokenize(request.Prompt);
        if (prompt.Length + request.MaxTokens > model.ContextSize)
            throw new AskException(
                $"The prompt ({prompt.Length} tokens) and the output limit ({request.MaxTokens}) do not fit the model's {model.ContextSize}-token context (Llm:ContextTokens).");

        using var context = model.CreateContext();
        using var sampler = CreateSampler(model, request);
        var batch = new LLamaBatch();
        for (var offset = 0; offset < prompt.Length; offset += PromptChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = prompt.AsSpan(offset, Math.Min(PromptChunk, prompt.Length - offset));
            batch.Clear();
            batch.AddRange(chunk, offset, LLamaSeqId.Zero, logitsLast: offset + chunk.Length == prompt.Length);
            Decode(context, batch);
        }

        var decoder = new StreamingTokenDecoder(context);
        var text = new System.Text.StringBuilder();
        var first = TimeSpan.Zero;
        var produced = 0;
        var truncated = true;
        var sampling = 0L;
        for (var position = prompt.Length; produced < request.MaxTokens; position++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sampleStarted = Stopwatch.GetTimestamp();
            var token = sampler.Sample(context.NativeHandle, -1);
            sampling += Stopwatch.GetTimestamp() - sampleStarted;
            if (produced == 0) first = Stopwatch.GetElapsedTime(started);
            produced++;
            if (token.IsEndOfGeneration(model.Weights.Vocab))
            {
                truncated = false;
                break;
            }
            decoder.Add(token);
            var piece = decoder.Read();
            if (piece.Length > 0)
            {
                text.Append(piece);
                onText?.Invoke(piece);
            }
            batch.Clear();
            batch.Add(token, position, LLamaSeqId.Zero, logits: true);
            Decode(context, batch);
        }
        return new GenerationResult(text.ToString(), truncated, prompt.Length, produced, first, Stopwatch.GetElapsedTime(started),
            TimeSpan.FromSeconds((double)sampling / Stopwatch.Frequency));
    }

    private static SafeLLamaSamplerChainHandle CreateSampler(LoadedModel model, GenerationRequest request)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        try
        {
            // The grammar comes first: later samplers only ever see tokens that keep the reply valid.
            if (request.Grammar is not null) chain.AddGrammar(model.Weights.NativeHandle, request.Grammar, "root");
            if (request.Temperature <= 0)
            {
                chain.AddGreedySampler();
            }
            else
            {
                chain.AddTopK(40);
                chain.AddTopP(0.95f, 1);
                chain.AddTemperature(request.Temperature);
                chain.AddDistributionSampler(request.Seed);
            }
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    private static void Decode(LLamaContext context, LLamaBatch batch)
    {
        var result = context.Decode(batch);
        if (result != DecodeResult.Ok)
            throw new AskException($"llama.cpp could not evaluate the batch ({result}).");
    }
}
