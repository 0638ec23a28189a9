using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// Decides whether a delivery is the first of its event: first in this process (<see cref="RecentKeys"/>, no
/// I/O), then across every replica sharing the Slack database (<see cref="SharedEventClaims"/>). When the
/// database fails the process's own answer stands: a question answered twice by two replicas is a smaller
/// harm than a question never answered.
/// </summary>
internal sealed partial class EventClaims(RecentKeys local, SharedEventClaims shared, ILogger<EventClaims> logger)
{
    /// <summary>True when none of <paramref name="keys"/> was claimed lately, here or by another replica; claims them all.</summary>
    public bool TryClaim(IReadOnlyList<string> keys)
    {
        var first = true;
        // Every key is recorded, not only up to the first seen one: the next delivery may carry only another of them.
        foreach (var key in keys) first &= local.TryAdd(key);
        if (!first) return false;
        try
        {
            return shared.TryClaim(keys);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogSharedClaimFailed(logger, keys.Count > 0 ? keys[0] : "", e.Message);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack event {Key}: the shared claim could not be written ({Error}); answered by this replica on its own check")]
    private static partial void LogSharedClaimFailed(ILogger logger, string key, string error);
}
