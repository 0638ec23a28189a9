using Ask.Core;
using LLama;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.LlamaSharp.Model;

/// <summary>A model in memory: its weights, how to talk to it (chat template) and how to start a generation.</summary>
internal sealed class LoadedModel : IDisposable
{
    private readonly ModelParams _parameters;

    public LoadedModel(LLamaWeights weights, ModelParams parameters, LocalModelSettings options, string architecture, ILogger logger)
    {
        Weights = weights;
        _parameters = parameters;
        Architecture = architecture;
        ContextSize = options.ContextTokens;
        Name = weights.Metadata.TryGetValue("general.name", out var name) && !string.IsNullOrWhiteSpace(name)
            ? name
            : Path.GetFileNameWithoutExtension(options.ModelPath);
        Template = ChatTemplate.For(weights, logger);
    }

    public LLamaWeights Weights { get; }

    public string Name { get; }

    public string Architecture { get; }

    public int ContextSize { get; }

    public ChatTemplate Template { get; }

    /// <summary>A fresh context (its own KV cache) for one generation.</summary>
    /// <exception cref="AskException">The context's memory could not be allocated.</exception>
    public LLamaContext CreateContext()
    {
        try
        {
            return Weights.CreateContext(_parameters);
        }
        catch (Exception ex) when (ex is LLama.Exceptions.RuntimeError or OutOfMemoryException or InvalidOperationException)
        {
            throw new AskException(
                $"llama.cpp could not allocate a {ContextSize}-token context for '{Name}' ({NativeLog.TakeErrors()}); lower Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) or free memory.",
                innerException: ex);
        }
    }

    /// <summary>The prompt's tokens, as the model will read them (special tokens of the template included).</summary>
    public LLamaToken[] Tokenize(string prompt) =>
        Weights.Tokenize(prompt, add_bos: Weights.Vocab.ShouldAddBOS, special: true, System.Text.Encoding.UTF8);

    public void Dispose() => Weights.Dispose();
}
