using Ask.Answering.ChatModel;

namespace Ask.Adapters.SemanticKernel;

/// <summary>Names the provider behind an OpenAI-compatible URL, for logs and <c>IAnswerModel.Name</c>.</summary>
internal static class LlmProvider
{
    public static string Detect(LlmOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Provider)) return options.Provider.Trim();
        var url = options.BaseUrl;
        if (url is null || url.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase)) return "openai";
        var host = url.Host.ToLowerInvariant();
        if (host.EndsWith(".openai.azure.com", StringComparison.Ordinal) || host.EndsWith(".services.ai.azure.com", StringComparison.Ordinal)
            || host.EndsWith(".cognitiveservices.azure.com", StringComparison.Ordinal))
            return "azure-openai";
        if (url.Port == 11434 || host.Contains("ollama", StringComparison.Ordinal)) return "ollama";
        return "openai-compatible";
    }

    /// <summary>The endpoint without user info or query, which may carry secrets.</summary>
    public static string SafeEndpoint(LlmOptions options) =>
        options.BaseUrl is { } url ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : "https://api.openai.com/v1";
}
