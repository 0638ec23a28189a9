namespace Ask.Adapters.Slack.WebApi;

internal static class SlackPipelineNames
{
    /// <summary>Retries Slack Web API calls on 429 (after <c>Retry-After</c>), 5xx and connection failures.</summary>
    public const string WebApi = "slack-web-api";

    public const string HttpClient = "slack";
}
