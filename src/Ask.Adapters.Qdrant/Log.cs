using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Qdrant;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Qdrant at {Url} answered the startup check (version {Version})")]
    public static partial void ServerChecked(ILogger logger, string url, string version);

    [LoggerMessage(2, LogLevel.Information, "Applied {Upserts} episode upserts and {Deletions} deletions in {Batches} upsert batches")]
    public static partial void Applied(ILogger logger, int upserts, int deletions, int batches);

    [LoggerMessage(3, LogLevel.Information, "Rebuilt {Alias}: now {Collection} (was {Previous}) with {Episodes} episodes")]
    public static partial void Rebuilt(ILogger logger, string alias, string collection, string? previous, int episodes);

    [LoggerMessage(4, LogLevel.Warning, "Could not drop the half-built collection {Collection}")]
    public static partial void CleanupFailed(ILogger logger, string collection, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Rewrote the lexical vectors of {Chunks} chunks for the archive's average chunk length of {AverageTerms} terms")]
    public static partial void Reweighted(ILogger logger, int chunks, float averageTerms);
}
