using Ask.Core;

namespace Ask.Adapters.Slack.WebApi;

/// <summary>Slack's Web API refused a call (<c>ok: false</c>) or could not be reached after the retries.</summary>
internal sealed class SlackApiException(string method, string error, bool isTransient = false, Exception? innerException = null)
    : AskException($"Slack {method} failed: {error}", isTransient, innerException)
{
    public string Method { get; } = method;
    public string Error { get; } = error;
}
