using Ask.Core;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;

namespace Ask.Web.Page;

/// <summary>
/// The origins of the audio the index cites, which the page's policy must let its <c>&lt;audio&gt;</c>
/// element load — exactly those, nothing more. Read from the index and kept for
/// <see cref="RefreshInterval"/>, so a page loaded after an ingest allows the new podcasts' hosts.
/// </summary>
public sealed partial class MediaOrigins(IChunkIndex index, TimeProvider time, ILogger<MediaOrigins> logger)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    /// <summary>Origins a policy lists at most; a policy header has to stay a header, whatever a feed holds.</summary>
    public const int MaxOrigins = 100;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<string> _origins = [];
    private DateTimeOffset _until = DateTimeOffset.MinValue;

    public async Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _until) return _origins;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() < _until) return _origins;
            try
            {
                _origins = Of(await index.ListEpisodesAsync(cancellationToken));
            }
            catch (AskException e)
            {
                // The page still loads; only audio moments cannot play until the store answers again.
                LogUnavailable(logger, e.Message);
            }
            _until = time.GetUtcNow() + RefreshInterval;
            return _origins;
        }
        finally
        {
            _gate.Release();
        }
    }

    public static IReadOnlyList<string> Of(IEnumerable<EpisodeSummary> episodes) =>
        episodes
            .Where(e => string.IsNullOrWhiteSpace(e.YouTubeId))
            .Select(e => MomentLink.WebAddress(e.AudioUrl))
            .OfType<Uri>()
            .Select(u => u.GetLeftPart(UriPartial.Authority))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(MaxOrigins)
            .ToArray();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the episodes for the page's media origins: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
