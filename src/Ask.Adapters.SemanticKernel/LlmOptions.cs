namespace Ask.Adapters.SemanticKernel;

/// <summary>
/// The chat model behind generative answers: any OpenAI-compatible <c>/v1/chat/completions</c> endpoint
/// (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM, llama.cpp server). Hosts bind it from
/// <c>ASK_LLM_BASE_URL</c>, <c>ASK_LLM_MODEL</c> and <c>ASK_LLM_API_KEY</c> (or <c>OPENAI_API_KEY</c>).
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    /// <summary>Base URL including <c>/v1</c>, e.g. <c>http://localhost:11434/v1</c> for Ollama. Default null: OpenAI's.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Model (or Azure deployment) name, e.g. <c>gpt-4o-mini</c> or <c>qwen2.5:7b</c>. Required.</summary>
    public string Model { get; set; } = "";

    /// <summary>API key; local servers accept any value. Read from the environment, never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Provider name for logs and answers; default null: guessed from <see cref="BaseUrl"/>.</summary>
    public string? Provider { get; set; }

    /// <summary>
    /// Longest wait for one HTTP attempt; also the timeout of the connector's <c>HttpClient</c>.
    /// Default 60 s; raise it for large local models on CPU.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest time one question may spend on the model, retries and back-off included. Default 150 s.</summary>
    public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(150);

    /// <summary>Output token limit of an answer. A reply cut there is reported as truncated. Default 1024.</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>
    /// The model's context window in tokens (<c>ASK_LLM_CONTEXT_TOKENS</c>). When set, the lowest-ranked
    /// sources are left out until the prompt plus <see cref="MaxOutputTokens"/> fits — never the rules. Set
    /// it for servers that silently cut long prompts (Ollama's <c>num_ctx</c>, 2048–4096 by default).
    /// Default null: no limit is assumed.
    /// </summary>
    public int? ContextTokens { get; set; }

    /// <summary>Output token limit of a rewritten follow-up question. Default 200.</summary>
    public int RewriteMaxOutputTokens { get; set; } = 200;

    /// <summary>Sampling temperature. Default 0; null leaves it to the server (some reasoning models reject any value).</summary>
    public double? Temperature { get; set; } = 0;

    /// <summary>Sampling seed, so reruns are as repeatable as the server allows. Default 42; null sends none.</summary>
    public long? Seed { get; set; } = 42;

    /// <summary>
    /// At start, send one tiny request with <c>response_format: json_schema</c>; if the provider rejects it as
    /// unsupported (old Azure api-versions, Azure AI Inference), answers use <c>json_object</c> from the first
    /// question on. Other probe failures leave json_schema on and never stop the start. A rejection of a
    /// real request switches the same way, probe or not. Default true; <c>ASK_LLM_PROBE_STRUCTURED_OUTPUTS</c>.
    /// </summary>
    public bool ProbeStructuredOutputs { get; set; } = true;

    public LlmRetryOptions Retry { get; set; } = new();

    public LlmCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}
