using System.Diagnostics;
using Ask.Answering.ChatModel;
using Ask.Core;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.LlamaSharp.Model;

/// <summary>
/// The model file, loaded once and shared by every request (the weights are memory-mapped and read-only;
/// each generation gets its own <see cref="LLamaContext"/>). Loading happens on first use or at boot
/// (<see cref="LocalModelStartupCheck"/>); a file that cannot be run fails with a message saying why.
/// </summary>
internal sealed class LocalModel : IDisposable
{
    private readonly LocalModelSettings _options;
    private readonly ILogger _logger;
    private readonly Lazy<LoadedModel> _loaded;

    public LocalModel(IOptions<LlmOptions> options, ILogger<LocalModel> logger)
    {
        _options = LocalModelSettings.From(options.Value);
        _logger = logger;
        _loaded = new Lazy<LoadedModel>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public LocalModelSettings Options => _options;

    /// <exception cref="AskException">The model cannot be loaded; the message says why.</exception>
    public LoadedModel Loaded => _loaded.Value;

    private LoadedModel Load()
    {
        var path = _options.ModelPath;
        if (!File.Exists(path))
            throw new AskException($"Llm:ModelPath (ASK_LLM_MODEL_PATH): no file at '{path}'.");
        var header = GgufHeader.Read(path);
        var size = new FileInfo(path).Length;
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (size > available)
            throw new AskException($"Llm:ModelPath '{path}' is {Mb(size):F0} MB but this process may use only {Mb(available):F0} MB of memory; pick a smaller (more quantized) model.");

        NativeLog.RouteTo(_logger);
        NativeLog.ClearErrors();
        var parameters = new ModelParams(path)
        {
            ContextSize = (uint)_options.ContextTokens,
            Threads = _options.Threads,
            BatchThreads = _options.Threads,
            GpuLayerCount = 0,
        };
        var started = Stopwatch.GetTimestamp();
        LLamaWeights weights;
        try
        {
            weights = LLamaWeights.LoadFromFile(parameters);
        }
        catch (Exception ex) when (ex is LoadWeightsFailedException or RuntimeError or InvalidOperationException)
        {
            var why = NativeLog.TakeErrors();
            throw new AskException(
                $"llama.cpp could not load '{path}' (GGUF v{header.Version}, architecture '{header.Architecture ?? "not given"}', {Mb(size):F0} MB): "
                + (why.Length > 0 ? why : "the file is damaged or its architecture is not supported by this LLamaSharp build.")
                + " Check the file, or use a model of a supported architecture (llama, qwen2, phi3, gemma, mistral, ...).", innerException: ex);
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException)
        {
            throw new AskException($"The llama.cpp native library (LLamaSharp.Backend.Cpu) could not be loaded on this machine: {ex.Message}", innerException: ex);
        }

        try
        {
            var loaded = new LoadedModel(weights, parameters, _options, header.Architecture ?? "unknown", _logger);
            // One context up front: the KV cache of ContextSize tokens must fit in memory, or no request can run.
            using (loaded.CreateContext()) { }
            Log.Loaded(_logger, loaded.Name, path, loaded.Architecture, Mb(size), weights.ParameterCount,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, _options.ContextTokens, _options.Threads, _options.MaxConcurrency, loaded.Template.Description);
            return loaded;
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    public void Dispose()
    {
        if (_loaded.IsValueCreated) _loaded.Value.Dispose();
    }
}
