using System.Text.Json.Nodes;

namespace Ask.Adapters.Slack.Rendering;

/// <summary>A message ready to post: Block Kit blocks plus the plain fallback text notifications show.</summary>
internal sealed record SlackMessage(string Text, JsonArray Blocks)
{
    public static SlackMessage Plain(string mrkdwn) =>
        new(mrkdwn, [new JsonObject { ["type"] = "section", ["text"] = Mrkdwn.Block(mrkdwn) }]);

    /// <summary>The body for <c>chat.postMessage</c>, or for a <c>response_url</c> when <paramref name="channel"/> is null.</summary>
    public JsonObject ToPayload(string? channel = null, string? threadTs = null, string? responseType = null)
    {
        var payload = new JsonObject { ["text"] = Text, ["blocks"] = Blocks.DeepClone(), ["unfurl_links"] = false, ["unfurl_media"] = false };
        if (channel is not null) payload["channel"] = channel;
        if (threadTs is not null) payload["thread_ts"] = threadTs;
        if (responseType is not null) payload["response_type"] = responseType;
        return payload;
    }
}
