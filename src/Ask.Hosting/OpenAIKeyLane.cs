namespace Ask.Hosting;

/// <summary>
/// <c>OPENAI_API_KEY</c> is OpenAI's key: read as a fallback only when the endpoint is OpenAI's own
/// (no base URL, or https://api.openai.com). A custom base URL — a third-party or self-hosted server —
/// gets only the key configured for it (<c>ASK_LLM_API_KEY</c>, <c>ASK_EMBEDDING_API_KEY</c>).
/// </summary>
public static class OpenAIKeyLane
{
    public const string Host = "api.openai.com";

    public static bool IsOpenAI(Uri? baseUrl) =>
        baseUrl is null || (baseUrl.Scheme == Uri.UriSchemeHttps && string.Equals(baseUrl.IdnHost, Host, StringComparison.OrdinalIgnoreCase));

    /// <summary><paramref name="configured"/>, else <c>OPENAI_API_KEY</c> when <paramref name="baseUrl"/> is OpenAI's.</summary>
    public static string? Fallback(string? configured, Uri? baseUrl, Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrEmpty(configured) ? configured : IsOpenAI(baseUrl) ? configuration["OPENAI_API_KEY"] : null;
}
