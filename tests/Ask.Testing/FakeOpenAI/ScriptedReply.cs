using System.Text.Json.Nodes;

namespace Ask.Testing.FakeOpenAI;

/// <summary>One scripted answer of <see cref="FakeChatServer"/>: a status, a body and headers, or no answer at all.</summary>
public sealed record ScriptedReply(int Status, string? Body, IReadOnlyDictionary<string, string> Headers, bool Hang = false)
{
    /// <summary>
    /// When true the server reports <c>usage.prompt_tokens</c> from the request it got (about four characters
    /// per token), the way an honest provider does; a fixed <c>promptTokens</c> plays one that cut the prompt.
    /// </summary>
    public bool CountsPromptTokens { get; init; }

    public static ScriptedReply Completion(string? content, string? finishReason = "stop", string? refusal = null, int? promptTokens = null)
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = "test-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = refusal },
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = promptTokens ?? 0, ["completion_tokens"] = 20, ["total_tokens"] = (promptTokens ?? 0) + 20 },
        };
        return new ScriptedReply(200, body.ToJsonString(), new Dictionary<string, string>()) { CountsPromptTokens = promptTokens is null };
    }

    public static ScriptedReply Error(int status, string code, string message, params (string Name, string Value)[] headers)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = code },
        };
        return new ScriptedReply(status, body.ToJsonString(), headers.ToDictionary(h => h.Name, h => h.Value));
    }

    /// <summary>
    /// The 400 of an Azure OpenAI api-version older than 2024-08-01-preview to <c>response_format</c> json_schema,
    /// as Azure words it: code "BadRequest", no param.
    /// </summary>
    public static ScriptedReply JsonSchemaUnsupported() => Error(400, "BadRequest",
        "response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later");

    /// <summary>Accepts the request and never answers (until the client gives up).</summary>
    public static ScriptedReply NeverAnswers() => new(0, null, new Dictionary<string, string>(), Hang: true);
}
