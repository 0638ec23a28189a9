using Ask.Adapters.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// Which bot is Ask in this workspace (<c>auth.test</c>'s <c>bot_id</c>), so thread history takes only Ask's
/// own replies for answers. Learned once; a failure is not cached — the next question asks again.
/// </summary>
internal sealed partial class SlackIdentity(SlackWebApi slack, ILogger<SlackIdentity> logger)
{
    private volatile string? _botId;

    public async Task<string?> BotIdAsync(CancellationToken cancellationToken)
    {
        if (_botId is { } known) return known;
        try
        {
            _botId = await slack.BotIdAsync(cancellationToken);
        }
        catch (SlackApiException e)
        {
            LogUnknown(logger, e.Message);
        }
        return _botId;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack auth.test failed ({Error}); thread history is left out until it answers")]
    private static partial void LogUnknown(ILogger logger, string error);
}
