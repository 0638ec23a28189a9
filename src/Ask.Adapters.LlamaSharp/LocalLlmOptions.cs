namespace Ask.Adapters.LlamaSharp;

/// <summary>
/// A language model running inside the Ask process (LLamaSharp over llama.cpp, CPU), chosen with
/// <c>ASK_LLM_PROVIDER=local</c>. Bound from the same <c>Llm</c> section as the OpenAI-compatible provider,
/// so the shared keys (<c>MaxOutputTokens</c>, <c>Temperature</c>, <c>Seed</c>) mean the same in both.
/// </summary>
public sealed class LocalLlmOptions
{
    public const string Section = "Llm";

    /// <summary>The value of <c>Llm:Provider</c> (<c>ASK_LLM_PROVIDER</c>) that selects this provider.</summary>
    public const string ProviderName = "local";

    /// <summary>Path of the GGUF model file (<c>ASK_LLM_MODEL_PATH</c>). Required.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>
    /// Tokens the model sees at once: prompt plus reply (<c>Llm:ContextTokens</c>, <c>ASK_LLM_CONTEXT_TOKENS</c>, the
    /// same key the OpenAI-compatible provider reads). Default 4096; the lowest-ranked sources are left out of the
    /// prompt to fit it. Memory for it is taken per request.
    /// </summary>
    public int ContextTokens { get; set; } = 4096;

    /// <summary>CPU threads per request (<c>ASK_LLM_THREADS</c>). Default null: one per core.</summary>
    public int? Threads { get; set; }

    /// <summary>Output token limit of an answer (<c>ASK_LLM_MAX_OUTPUT_TOKENS</c>). Default 1024.</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Output token limit of a rewritten follow-up question. Default 200.</summary>
    public int RewriteMaxOutputTokens { get; set; } = 200;

    /// <summary>
    /// Requests generating at the same time (<c>ASK_LLM_MAX_CONCURRENCY</c>); the rest wait their turn.
    /// Default 1: on a CPU, two generations share the cores and each gets slower.
    /// </summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>
    /// Requests that may wait for a turn (<c>Llm:MaxQueue</c>); one more is refused at once (503 with
    /// <c>Retry-After</c>). Default 4.
    /// </summary>
    public int MaxQueue { get; set; } = 4;

    /// <summary>
    /// Longest wait for a turn (<c>Llm:QueueTimeout</c>) before the request is refused (503 with
    /// <c>Retry-After</c>). Default 2 minutes.
    /// </summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Sampling temperature; 0 picks the likeliest token every time. Default 0.</summary>
    public double Temperature { get; set; }

    /// <summary>Sampling seed, so reruns repeat. Default 42.</summary>
    public uint Seed { get; set; } = 42;

    /// <summary>Threads actually used: <see cref="Threads"/> or one per core.</summary>
    public int EffectiveThreads => Threads ?? Environment.ProcessorCount;

    /// <summary>
    /// What the shared answer model needs from these options. The grammar enforces every schema keyword, so the
    /// answer schema may carry length limits.
    /// </summary>
    internal Ask.Answering.ChatModel.ChatAnswerSettings ToAnswerSettings() =>
        new(ProviderName, Path.GetFileName(ModelPath), ContextTokens, MaxOutputTokens, RewriteMaxOutputTokens, Temperature, Seed, BoundedSchema: true);
}
