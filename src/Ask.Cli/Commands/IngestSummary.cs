using System.Text.Json;
using Ask.Adapters.Transcripts.Feeds;
using Ask.Core.Ingestion;
using Spectre.Console;

namespace Ask.Cli.Commands;

/// <summary>The table printed at the end of an ingest, and the same figures as JSON.</summary>
internal static class IngestSummary
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Write(IAnsiConsole console, IngestReport report)
    {
        var table = new Table().Title($"ingest into the {report.Store} index").AddColumn("").AddColumn(new TableColumn("count").RightAligned()).AddColumn("detail");
        table.AddRow("new", report.New.Count.ToString(), Names(report.New));
        table.AddRow("changed", report.Changed.Count.ToString(), Names(report.Changed));
        table.AddRow("unchanged", report.Unchanged.Count.ToString(), "");
        if (report.Removed.Count > 0) table.AddRow("removed", report.Removed.Count.ToString(), Names(report.Removed));
        foreach (var group in report.SkippedByReason)
            table.AddRow($"skipped: {Reason(group.Key)}", group.Count().ToString(), Markup.Escape(TerminalText.Safe(string.Join(", ", group.Take(3).Select(p => Path.GetFileName(p.File))) + (group.Count() > 3 ? ", … (listed below)" : ""))));
        // Vectors from the embedding cache cost nothing, so the rate counts only what the encoder ran on.
        var chunkNotes = new List<string>();
        if (report.ChunksReused > 0) chunkNotes.Add($"{report.ChunksReused} from the embedding cache");
        if (report.ChunksEncoded > 0 && report.EmbeddingElapsed > TimeSpan.Zero)
            chunkNotes.Add($"{report.ChunksEncoded / report.EmbeddingElapsed.TotalSeconds:F1} chunks/s while embedding");
        table.AddRow("chunks embedded", report.Chunks.ToString(), string.Join("; ", chunkNotes));
        if (report.Sentences > 0)
        {
            // As for chunks: texts whose vectors came from the index cost nothing, so the rate counts only the encoder's.
            var encoded = report.Sentences - report.SentencesReused + report.Words - report.WordsReused;
            var reused = report.SentencesReused + report.WordsReused > 0 ? $"; {report.SentencesReused} sentences and {report.WordsReused} words from the index" : "";
            table.AddRow("sentences embedded", report.Sentences.ToString(),
                $"quotable sentences and {report.Words} words{reused}" + (encoded > 0 ? $", {encoded / Math.Max(0.001, report.SentenceEmbeddingElapsed.TotalSeconds):F1}/s while embedding" : ""));
        }
        table.AddRow("warnings", report.Warnings.Count.ToString(), report.Warnings.Count > 0 ? "listed below" : "");
        table.AddRow("time", $"{report.Elapsed.TotalSeconds:F1} s", report.Chunks > 0 ? $"{report.Chunks / Math.Max(0.001, report.Elapsed.TotalSeconds):F1} chunks/s overall" : "");
        console.Write(table);
        List(console, "skipped", report.Skipped.Select(p => $"({Reason(p.SkipReason ?? SkipReason.Unreadable)}) {p}").ToList());
        List(console, "warning", report.Warnings.Select(p => p.ToString()).ToList());
    }

    /// <summary>Lines listed under the table before the rest are only counted: a flood of broken files must not bury the summary.</summary>
    internal const int ListedPerKind = 50;

    // Every skipped file and every warning is named, up to a limit; past it the count and where to read them all.
    private static void List(IAnsiConsole console, string kind, IReadOnlyList<string> lines)
    {
        foreach (var line in lines.Take(ListedPerKind))
            console.MarkupLineInterpolated($"[yellow]{kind}[/] {TerminalText.Safe(line)}");
        if (lines.Count > ListedPerKind)
            console.MarkupLineInterpolated($"[yellow]… {lines.Count - ListedPerKind} more {kind} lines[/]: run the ingest again with --json to see all {lines.Count}");
    }

    /// <summary>The summary as JSON; each feed read lists every item with its status, and the reason when it was skipped or failed.</summary>
    public static object ToJson(IngestReport report, IReadOnlyList<FeedReport> feeds) => new
    {
        store = report.Store,
        @new = report.New,
        changed = report.Changed,
        unchanged = report.Unchanged.Count,
        removed = report.Removed,
        skipped = report.Skipped.Select(p => new { file = p.File, line = p.Line, reason = Reason(p.SkipReason ?? SkipReason.Unreadable), message = p.Message }),
        warnings = report.Warnings.Select(p => new { file = p.File, line = p.Line, message = p.Message }),
        chunks = report.Chunks,
        chunks_from_cache = report.ChunksReused,
        seconds = Math.Round(report.Elapsed.TotalSeconds, 3),
        embedding_seconds = Math.Round(report.EmbeddingElapsed.TotalSeconds, 3),
        sentences = report.Sentences,
        words = report.Words,
        sentences_from_index = report.SentencesReused,
        words_from_index = report.WordsReused,
        sentence_embedding_seconds = Math.Round(report.SentenceEmbeddingElapsed.TotalSeconds, 3),
        feeds = feeds.Select(f => new
        {
            podcast = f.Podcast.Id,
            title = f.Podcast.Title,
            items = f.Items.Select(i => new { guid = i.Guid, title = i.Title, episode = i.EpisodeId, status = i.Status.ToString().ToLowerInvariant(), reason = i.Reason }),
        }),
    };

    private static string Reason(SkipReason reason) => reason switch
    {
        SkipReason.Unreadable => "unreadable",
        SkipReason.Template => "template",
        SkipReason.NoTranscript => "no transcript",
        SkipReason.DuplicateTranscript => "duplicate",
        SkipReason.Unattached => "nothing to attach to",
        _ => reason.ToString(),
    };

    private static string Names(List<string> ids) =>
        Markup.Escape(TerminalText.Safe(string.Join(", ", ids.Take(3)) + (ids.Count > 3 ? $", … ({ids.Count - 3} more)" : "")));
}
