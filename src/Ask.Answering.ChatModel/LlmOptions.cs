namespace Ask.Answering.ChatModel;

/// <summary>
/// The language model behind generative answers, section <c>Llm</c>, whichever provider serves it: any
/// OpenAI-compatible <c>/v1/chat/completions</c> endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM,
/// llama.cpp server), or with <see cref="Provider"/> <c>local</c> a GGUF model running inside the process.
/// The shared keys (<see cref="ContextTokens"/>, <see cref="MaxOutputTokens"/>, <see cref="Temperature"/>,
/// <see cref="Seed"/>) mean the same for both; <see cref="LlmOptionsValidator"/> checks each provider's own keys
/// only when that provider is chosen.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    /// <summary>The value of <see cref="Provider"/> (<c>ASK_LLM_PROVIDER</c>) that runs a GGUF model inside Ask.</summary>
    public const string LocalProvider = "local";

    /// <summary>The local model's context window when <see cref="ContextTokens"/> is not set.</summary>
    public const int LocalDefaultContextTokens = 4096;

    /// <summary>
    /// <c>local</c> runs <see cref="ModelPath"/> inside the process; any other name labels an OpenAI-compatible
    /// endpoint for logs and answers. Default null: an endpoint, named after <see cref="BaseUrl"/>.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>
    /// The model's context window in tokens (<c>ASK_LLM_CONTEXT_TOKENS</c>): the lowest-ranked sources are left out
    /// until the prompt plus <see cref="MaxOutputTokens"/> fits — never the rules. For an endpoint, set it for servers
    /// that silently cut long prompts (Ollama's <c>num_ctx</c>, 2048–4096 by default); default null: no limit is
    /// assumed. The local model allocates it per request; default <see cref="LocalDefaultContextTokens"/>.
    /// </summary>
    public int? ContextTokens { get; set; }

    /// <summary>Output token limit of an answer (<c>ASK_LLM_MAX_OUTPUT_TOKENS</c>). A reply cut there is reported as truncated. Default 1024.</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Output token limit of a rewritten follow-up question. Default 200.</summary>
    public int RewriteMaxOutputTokens { get; set; } = 200;

    /// <summary>
    /// Sampling temperature; 0 picks the likeliest token every time. Default 0; null leaves it to the endpoint (some
    /// reasoning models reject any value), and the local model then uses 0.
    /// </summary>
    public double? Temperature { get; set; } = 0;

    /// <summary>Sampling seed, so reruns are as repeatable as the model allows. Default 42; null sends none, and the local model then uses 42.</summary>
    public long? Seed { get; set; } = 42;

    /// <summary>Endpoint: base URL including <c>/v1</c>, e.g. <c>http://localhost:11434/v1</c> for Ollama. Default null: OpenAI's.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Endpoint: model (or Azure deployment) name, e.g. <c>gpt-4o-mini</c> or <c>qwen2.5:7b</c>. Required for an endpoint.</summary>
    public string Model { get; set; } = "";

    /// <summary>Endpoint: API key; local servers accept any value. Read from the environment, never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Endpoint: longest wait for one HTTP attempt; also the timeout of the connector's <c>HttpClient</c>.
    /// Default 60 s; raise it for large local models on CPU.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Endpoint: longest time one question may spend on the model, retries and back-off included. Default 150 s.</summary>
    public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(150);

    /// <summary>
    /// Endpoint: at start, send one tiny request with <c>response_format: json_schema</c>; if the provider rejects it as
    /// unsupported (old Azure api-versions, Azure AI Inference), answers use <c>json_object</c> from the first
    /// question on. Other probe failures leave json_schema on and never stop the start. A rejection of a
    /// real request switches the same way, probe or not. Default true; <c>ASK_LLM_PROBE_STRUCTURED_OUTPUTS</c>.
    /// </summary>
    public bool ProbeStructuredOutputs { get; set; } = true;

    /// <summary>Endpoint: retries of a failed call.</summary>
    public LlmRetryOptions Retry { get; set; } = new();

    /// <summary>Endpoint: stops calling an endpoint that keeps failing.</summary>
    public LlmCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Local: path of the GGUF model file (<c>ASK_LLM_MODEL_PATH</c>). Required for <c>local</c>.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Local: CPU threads per request (<c>ASK_LLM_THREADS</c>). Default null: one per core.</summary>
    public int? Threads { get; set; }

    /// <summary>
    /// Local: requests generating at the same time (<c>ASK_LLM_MAX_CONCURRENCY</c>); the rest wait their turn.
    /// Default 1: on a CPU, two generations share the cores and each gets slower.
    /// </summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Local: requests that may wait for a turn; one more is refused at once (503 with <c>Retry-After</c>). Default 4.</summary>
    public int MaxQueue { get; set; } = 4;

    /// <summary>Local: longest wait for a turn before the request is refused (503 with <c>Retry-After</c>). Default 2 minutes.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether <see cref="Provider"/> chooses the model inside the process (in any letter case).</summary>
    public bool IsLocal => IsLocalProvider(Provider);

    /// <summary>Whether <paramref name="provider"/> (a <c>Llm:Provider</c> value) chooses the model inside the process.</summary>
    public static bool IsLocalProvider(string? provider) => string.Equals(provider, LocalProvider, StringComparison.OrdinalIgnoreCase);
}
