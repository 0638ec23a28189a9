using Ask.Adapters.Slack;
using Microsoft.Extensions.Options;

namespace Ask.Hosting;

/// <summary>
/// Puts the Slack database beside the index when <c>Slack:FeedbackDatabase</c> is not set, so the votes and the
/// answered events live in the data folder the operator already keeps (and shares between replicas).
/// </summary>
internal sealed class SlackFeedbackLocation(IOptions<AskOptions> ask) : IPostConfigureOptions<SlackOptions>
{
    public const string FileName = "slack-feedback.db";

    public void PostConfigure(string? name, SlackOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.FeedbackDatabase))
            options.FeedbackDatabase = Path.Combine(Path.GetFullPath(ask.Value.DataDirectory), FileName);
    }
}
