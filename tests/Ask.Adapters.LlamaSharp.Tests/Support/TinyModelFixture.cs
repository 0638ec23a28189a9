using Ask.Adapters.LlamaSharp.Chat;
using Ask.Adapters.LlamaSharp.Model;
using Ask.Answering.ChatModel;
using Ask.Answering.ChatModel.Prompts;
using Ask.Testing.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ask.Adapters.LlamaSharp.Tests.Support;

/// <summary>A tiny random-weight llama model written once per test class, and a way to load it with given options.</summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-llama-" + Guid.NewGuid().ToString("N"));
    private readonly List<IDisposable> _owned = [];

    public TinyModelFixture()
    {
        System.IO.Directory.CreateDirectory(_directory);
        ModelPath = new TinyLlamaModel().Write(Path.Combine(_directory, "tiny.gguf"));
        Shared = Load();
    }

    public string ModelPath { get; }

    public string Directory => _directory;

    internal LocalModel Shared { get; }

    /// <summary>Options sized for the tiny model: a context that holds the answer prompt (one token per byte) and a reply.</summary>
    internal static LlmOptions Options(string path, int concurrency = 1) => new()
    {
        Provider = LlmOptions.LocalProvider,
        ModelPath = path,
        ContextTokens = 8192,
        MaxOutputTokens = 2048,
        Threads = 1,
        MaxConcurrency = concurrency,
        Temperature = 1,
    };

    internal LocalModel Load(LlmOptions? options = null)
    {
        var model = new LocalModel(Microsoft.Extensions.Options.Options.Create(options ?? Options(ModelPath)), NullLogger<LocalModel>.Instance);
        _owned.Add(model);
        return model;
    }

    internal LlamaChatClient Client(LocalModel model, TimeProvider? time = null)
    {
        var client = new LlamaChatClient(model, time ?? TimeProvider.System, NullLogger<LlamaChatClient>.Instance);
        _owned.Add(client);
        return client;
    }

    /// <summary>The shared answer model over a client of a model loaded with <paramref name="options"/>, as AddLocalLlm composes it.</summary>
    internal ChatAnswerModel AnswerModel(LlmOptions options)
    {
        var client = Client(Load(options));
        return new ChatAnswerModel(client, LocalModelSettings.From(options).ToAnswerSettings(), new PromptLibrary(),
            new StructuredOutputs(LlmOptions.LocalProvider, NullLogger<StructuredOutputs>.Instance), new LlamaPromptTokenCounter(client),
            NullLogger<ChatAnswerModel>.Instance);
    }

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
        try { System.IO.Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
