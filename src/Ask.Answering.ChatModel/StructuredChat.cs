using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Ask.Answering.ChatModel;

/// <summary>
/// Sends one chat request for the answer model and the fact judge, logged at Debug. A json_schema request goes as
/// json_object once the provider is known to reject json_schema; a rejection here flags it and asks again at once
/// (see docs/failure-modes.md#18-a-provider-without-structured-outputs). The rejection is not transient, so the
/// provider's retries and circuit never count it.
/// </summary>
internal sealed class StructuredChat(IChatClient client, StructuredOutputs structuredOutputs, ILogger logger)
{
    public async Task<ChatResponse> SendAsync(string prompt, IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[ChatRequestProperties.Prompt] = prompt;
        string? schema;
        if (structuredOutputs.State == StructuredOutputsState.Rejected && (schema = SchemaOf(options)) is not null)
            return await SendLoggedAsync(prompt, WithSchemaInPrompt(messages, schema), AsJsonObject(options), cancellationToken);
        try
        {
            return await SendLoggedAsync(prompt, messages, options, cancellationToken);
        }
        catch (StructuredOutputsRejectedException e) when ((schema = SchemaOf(options)) is not null)
        {
            structuredOutputs.MarkRejected(e.Detail, $"a {prompt} request");
            return await SendLoggedAsync(prompt, WithSchemaInPrompt(messages, schema), AsJsonObject(options), cancellationToken);
        }
    }

    private async Task<ChatResponse> SendLoggedAsync(string prompt, IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Debug))
            Log.Request(logger, prompt, string.Join("\n\n", messages.Select(m => $"[{m.Role}]\n{m.Text}")));
        var response = await client.GetResponseAsync(messages, options, cancellationToken);
        if (logger.IsEnabled(LogLevel.Debug))
            Log.Reply(logger, prompt, response.FinishReason?.Value ?? "unknown", ModelRefusal.Find(response) ?? response.Text);
        return response;
    }

    /// <summary>The schema of a json_schema response format, or null for any other (or none).</summary>
    private static string? SchemaOf(ChatOptions options) =>
        options.ResponseFormat is ChatResponseFormatJson { Schema: JsonElement schema } ? schema.GetRawText() : null;

    private static ChatOptions AsJsonObject(ChatOptions options)
    {
        var copy = options.Clone();
        copy.ResponseFormat = ChatResponseFormat.Json;
        return copy;
    }

    /// <summary>
    /// The messages with the schema written out after the system prompt: json_object only promises some JSON
    /// object, and the prompt's "the provided JSON schema" must still be provided.
    /// </summary>
    private static List<ChatMessage> WithSchemaInPrompt(IReadOnlyList<ChatMessage> messages, string schema)
    {
        var copy = messages.ToList();
        var at = copy.Count > 0 && copy[0].Role == ChatRole.System ? 1 : 0;
        copy.Insert(at, new ChatMessage(ChatRole.System,
            $"This provider cannot enforce the reply's JSON schema, so it is given here. Reply with one JSON object that follows it exactly:\n{schema}"));
        return copy;
    }
}
