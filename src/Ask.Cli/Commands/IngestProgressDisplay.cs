using Ask.Core.Ingestion;
using Spectre.Console;

namespace Ask.Cli.Commands;

/// <summary>
/// Shows an ingest's progress: episodes read, then chunks embedded with their rate and the time left.
/// On a terminal it is a live bar; when output is redirected it prints a line every few seconds.
/// </summary>
internal static class IngestProgressDisplay
{
    public static async Task<IngestReport> RunAsync(IAnsiConsole console, Func<IProgress<IngestProgress>, Task<IngestReport>> run)
    {
        if (!console.Profile.Capabilities.Interactive) return await run(new PlainProgress(console));

        IngestReport? report = null;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var reading = ctx.AddTask("reading episodes", maxValue: 1);
                reading.IsIndeterminate = true;
                ProgressTask? embedding = null;
                ProgressTask? sentences = null;
                var progress = new SynchronousProgress<IngestProgress>(p =>
                {
                    switch (p.Stage)
                    {
                        case IngestStage.WaitingForLock:
                            reading.Description = Markup.Escape(WaitingMessage(p));
                            break;
                        case IngestStage.Reading:
                            reading.Description = $"reading episodes: {p.EpisodesDone} files";
                            break;
                        default:
                            if (!reading.IsFinished)
                            {
                                reading.IsIndeterminate = false;
                                reading.Value = reading.MaxValue;
                                reading.Description = $"read {p.EpisodesTotal} episodes";
                                reading.StopTask();
                            }
                            if (p.ChunksTotal > 0)
                            {
                                embedding ??= ctx.AddTask("embedding", maxValue: p.ChunksTotal);
                                embedding.Value = p.ChunksDone;
                                embedding.Description = $"embedding {p.ChunksDone}/{p.ChunksTotal} chunks, {Rate(p):F1} chunks/s{(p.Stage == IngestStage.Writing ? ", writing index" : "")}";
                            }
                            if (p.SentencesTotal > 0)
                            {
                                embedding?.StopTask();
                                sentences ??= ctx.AddTask("sentences", maxValue: p.SentencesTotal);
                                sentences.Value = p.SentencesDone;
                                sentences.Description = $"embedding {p.SentencesDone}/{p.SentencesTotal} quotable sentences and words";
                            }
                            if (p.Stage == IngestStage.Done) { embedding?.StopTask(); sentences?.StopTask(); }
                            break;
                    }
                });
                report = await run(progress);
            });
        return report!;
    }

    private static string WaitingMessage(IngestProgress p) => $"another ingest holds {p.LockHeld}, waiting…";

    private static double Rate(IngestProgress p) => p.Elapsed.TotalSeconds > 0 ? p.ChunksDone / p.Elapsed.TotalSeconds : 0;

    private sealed class PlainProgress(IAnsiConsole console) : IProgress<IngestProgress>
    {
        private TimeSpan _last = TimeSpan.MinValue;
        private IngestStage? _stage;

        public void Report(IngestProgress p)
        {
            if (p.Stage == _stage && p.Elapsed - _last < TimeSpan.FromSeconds(5)) return;
            _stage = p.Stage;
            _last = p.Elapsed;
            var eta = p.ChunksDone > 0 && p.ChunksTotal > p.ChunksDone
                ? TimeSpan.FromSeconds((p.ChunksTotal - p.ChunksDone) / Rate(p)).ToString(@"hh\:mm\:ss")
                : "-";
            console.WriteLine(p.Stage switch
            {
                IngestStage.WaitingForLock => WaitingMessage(p),
                IngestStage.Reading => "reading episodes",
                IngestStage.Embedding => $"{p.EpisodesTotal} episodes read; embedding: {p.ChunksDone}/{p.ChunksTotal} chunks, {Rate(p):F1} chunks/s, ETA {eta}",
                IngestStage.EmbeddingSentences => $"embedding quotable sentences and words: {p.SentencesDone}/{p.SentencesTotal}",
                IngestStage.Writing => "writing index",
                _ => $"done in {p.Elapsed.TotalSeconds:F1} s",
            });
        }
    }
}
