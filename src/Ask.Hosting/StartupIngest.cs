using Ask.Adapters.Transcripts.Samples;
using Ask.Core;
using Ask.Core.Answering;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ask.Hosting;

/// <summary>
/// Brings the serving index up to date when the service starts: the configured episodes folder
/// (<c>ASK_EPISODES_DIR</c>) when there is one, otherwise — on a fresh clone with an empty index —
/// the sample episodes the project writes itself. Runs in the background so the service answers
/// <c>/health</c> at once.
/// </summary>
public sealed partial class StartupIngest(
    IngestionPipeline pipeline,
    IChunkIndex index,
    IndexStatus status,
    IngestMetrics progress,
    AnswerService answers,
    IOptions<AskOptions> options,
    ILogger<StartupIngest> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (answers.Mode == AnswerMode.Extractive) LogExtractive(logger);
        string? source = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(o.EpisodesDirectory))
            {
                source = Path.GetFullPath(o.EpisodesDirectory);
                if (!Directory.Exists(source)) throw new AskException($"ASK_EPISODES_DIR points at {source}, which does not exist.");
            }
            else if (await index.CountAsync(stoppingToken) == 0)
            {
                source = o.SamplesDirectory;
                SampleEpisodes.WriteTo(source);
                LogSamples(logger, source);
            }

            if (source is null)
            {
                status.Ready(null, null);
                LogServing(logger, await index.CountAsync(stoppingToken), index.Name);
                return;
            }

            status.Ingesting(source);
            // Validated on start: a bad value never gets this far.
            var podcast = o.EpisodesPodcast is null ? null : PodcastSpec.TryParse(o.EpisodesPodcast, out _);
            var report = await pipeline.RunAsync(new IngestRequest([source], Prune: true, Podcast: podcast, Placeholders: SampleEpisodes.Ids), progress, stoppingToken);
            status.Ready(source, report);
            LogServing(logger, await index.CountAsync(stoppingToken), index.Name);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Any failure — a bad source, a full disk (IOException), a bug — is a failed ingest, not a failed
            // service: the index it had stays loaded and serving. An exception escaping ExecuteAsync would
            // stop the host instead (BackgroundServiceExceptionBehavior.StopHost).
            var message = e is AskException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            status.Failed(source, message);
            LogFailed(logger, source ?? "(none)", message, e is AskException ? null : e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No episodes configured and the index is empty: serving the SAMPLE episodes written to {Folder}. Run `ask ingest <archive>` or set ASK_EPISODES_DIR to serve the real archive.")]
    private static partial void LogSamples(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No language model configured (ASK_LLM_MODEL, ASK_LLM_BASE_URL): answers are EXTRACTIVE — verbatim quotes from the transcripts, marked mode=extractive.")]
    private static partial void LogExtractive(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Chunks} chunks from the {Store} index")]
    private static partial void LogServing(ILogger logger, long chunks, string store);

    [LoggerMessage(Level = LogLevel.Error, Message = "Startup ingest of {Source} failed: {Error}. Still serving the index it had.")]
    private static partial void LogFailed(ILogger logger, string source, string error, Exception? exception);
}
