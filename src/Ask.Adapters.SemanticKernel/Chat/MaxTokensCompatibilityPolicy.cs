using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;

namespace Ask.Adapters.SemanticKernel.Chat;

/// <summary>
/// The OpenAI SDK sends the output limit only as <c>max_completion_tokens</c>, which OpenAI's reasoning
/// models require, while Ollama (and older llama.cpp builds) read only <c>max_tokens</c> and would
/// otherwise generate without a limit. For servers other than OpenAI and Azure, the limit goes in both.
/// </summary>
internal sealed class MaxTokensCompatibilityPolicy : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Rewrite(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Rewrite(message);
        await ProcessNextAsync(message, pipeline, currentIndex);
    }

    private static void Rewrite(PipelineMessage message)
    {
        if (message.Request.Content is not { } content) return;
        using var buffer = new MemoryStream();
        content.WriteTo(buffer, message.CancellationToken);
        if (JsonNode.Parse(buffer.ToArray()) is not JsonObject body
            || body["max_completion_tokens"] is not JsonValue limit || body.ContainsKey("max_tokens"))
            return;
        body["max_tokens"] = limit.DeepClone();
        message.Request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
    }
}
