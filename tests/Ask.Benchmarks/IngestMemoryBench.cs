using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ask.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Benchmarks;

/// <summary>
/// Peak memory of a first ingest: each run is a fresh child process (so nothing another run loaded or
/// left behind counts) ingesting <c>--corpus</c> into an empty data folder, which reports its own peak
/// resident memory (VmHWM) when it is done. The baseline, in the same run, is the same ingest as before the
/// embedder calls were capped: 32 texts per call in their own order (<c>Ingestion:EmbeddingBatchCharacters=0</c>).
/// <c>--set K=V,…</c> applies to both runs (for example <c>Embeddings:MemoryArena=false</c> for the low-memory mode).
/// <para>
/// <c>--over DATA</c> measures a re-ingest instead: each run starts from a copy of that data folder (an index of the
/// same archive), and <c>--edit-every-episode true</c> ingests a copy of the corpus in which the first transcript line of
/// every episode has changed — an update that rebuilds every episode while the previous generation is in use.
/// </para>
/// </summary>
internal static class IngestMemoryBench
{
    /// <summary>What Ask promises for any ingest (docs/bad-input.md): 1 GiB.</summary>
    private const double LimitMb = 1024;

    // The defaults against calls of 32 texts in their own order, in the same run.
    private static readonly string[] CurrentSettings = [];
    private static readonly string[] BaselineSettings = ["Ingestion:EmbeddingBatchCharacters=0"];

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var corpus = Path.GetFullPath(args.Required("corpus"));
        if (!Directory.Exists(corpus) && !File.Exists(corpus)) throw new ArgumentException($"--corpus {corpus} does not exist.");
        var data = Path.GetFullPath(args.Required("data"));
        var limit = args.Int("limit-mb", (int)LimitMb);

        string[] shared = args.Optional("set") is { } set ? set.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        var over = args.Optional("over") is { } o ? Path.GetFullPath(o) : null;
        if (over is not null && !Directory.Exists(over)) throw new ArgumentException($"--over {over} is not a data folder.");
        if (args.Optional("edit-every-episode") == "true") corpus = EditEveryEpisode(corpus, Path.Combine(data, "edited-corpus"));
        var current = await RunChildAsync(corpus, Path.Combine(data, "current"), [.. shared, .. CurrentSettings], over);
        Print("default" + Described([.. shared, .. CurrentSettings]), current);
        if (args.Optional("baseline") != "false")
        {
            var baseline = await RunChildAsync(corpus, Path.Combine(data, "baseline"), [.. shared, .. BaselineSettings], over);
            Print("before" + Described([.. shared, .. BaselineSettings]), baseline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"default / before: peak memory {current.PeakMb / baseline.PeakMb:F2} ×, chunks/s {current.ChunksPerSecond / baseline.ChunksPerSecond:F2} ×, chunks per processor-second {current.ChunksPerCpuSecond / baseline.ChunksPerCpuSecond:F2} ×"));
        }
        var within = current.PeakMb <= limit;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory {current.PeakMb:F0} MB {(within ? "<=" : ">")} the limit of {limit} MB"));
        return within ? 0 : 1;
    }

    /// <summary>The child's side: one ingest into a fresh data folder, then one JSON line with what it did and its peak memory.</summary>
    public static async Task<int> RunChildAsync(BenchArgs args)
    {
        var corpus = args.Required("corpus");
        await using var services = args.BuildServices();
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var clock = Stopwatch.StartNew();
        // Where the memory is: the managed heap's share of the resident set, sampled while the ingest runs.
        using var stop = new CancellationTokenSource();
        var peakManaged = 0.0;
        IngestProgress? last = null;
        var progress = new Progress<IngestProgress>(p => Volatile.Write(ref last, p));
        var sampler = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(args.Int("sample-seconds", 5)));
            while (!stop.IsCancellationRequested)
            {
                try { await tick.WaitForNextTickAsync(stop.Token); }
                catch (OperationCanceledException) { return; }
                var managed = GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0;
                peakManaged = Math.Max(peakManaged, managed);
                var at = Volatile.Read(ref last);
                var stage = at is null ? "starting" : at.Stage switch
                {
                    IngestStage.Embedding => $"chunks {at.ChunksDone}/{at.ChunksTotal}",
                    IngestStage.EmbeddingSentences => $"sentences {at.SentencesDone}/{at.SentencesTotal}",
                    _ => at.Stage.ToString().ToLowerInvariant(),
                };
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {clock.Elapsed.TotalSeconds,6:F0} s: resident {Stats.ResidentMemoryMb(),5:F0} MB, managed heap committed {managed,5:F0} MB ({stage})"));
            }
        });
        var report = await pipeline.RunAsync(new IngestRequest([corpus]), progress, default);
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        Console.WriteLine(JsonSerializer.Serialize(new ChildResult(report.New.Count + report.Changed.Count, report.Chunks, report.Sentences, report.Words, report.SentencesReused, report.WordsReused, seconds, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stats.PeakMemoryMb(), peakManaged)));
        return 0;
    }

    /// <summary>A copy of the corpus's episode files with " (edited)" added to each one's first transcript line.</summary>
    private static string EditEveryEpisode(string corpus, string copy)
    {
        if (!Directory.Exists(corpus)) throw new ArgumentException("--edit-every-episode needs --corpus to be a folder of episode files.");
        if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        Directory.CreateDirectory(copy);
        var edited = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "*.md"))
        {
            var lines = File.ReadAllLines(file);
            var first = Array.FindIndex(lines, l => l.StartsWith("- line: ", StringComparison.Ordinal));
            if (first >= 0)
            {
                lines[first] += " (edited)";
                edited++;
            }
            File.WriteAllLines(Path.Combine(copy, Path.GetFileName(file)), lines);
        }
        Console.WriteLine($"edited the first transcript line of {edited} episode files (a copy in {copy})");
        return copy;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static string Described(string[] settings) => settings.Length == 0 ? "" : " (" + string.Join(", ", settings) + ")";

    private static void Print(string what, ChildResult r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: {r.Episodes} episodes, {r.Chunks} chunks, {r.Sentences} sentences and {r.Words} words ({r.SentencesReused} and {r.WordsReused} of them from the index) in {r.Seconds:F1} s = {r.ChunksPerSecond:F2} chunks/s ({r.CpuSeconds:F1} s of processor time = {r.ChunksPerCpuSecond:F2} chunks per processor-second); peak memory {r.PeakMb:F0} MB (managed heap at most {r.PeakManagedMb:F0} MB of it)"));

    private static async Task<ChildResult> RunChildAsync(string corpus, string data, string[] settings, string? over)
    {
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        if (over is not null) CopyFolder(over, data);
        // The child's samples (stderr) go straight to this console, so a long run shows where it is.
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Started through `dotnet Ask.Benchmarks.dll`, the process is the dotnet host: the child needs the dll too.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(IngestMemoryBench).Assembly.Location);
        foreach (var arg in (string[])["ingest-child", "--corpus", corpus, "--data", data]) start.ArgumentList.Add(arg);
        if (settings.Length > 0)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(string.Join(',', settings));
        }
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the ingest child process");
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        if (child.ExitCode != 0 || last is null)
            throw new InvalidOperationException($"the ingest child exited {child.ExitCode} without its figures:\n{output}");
        return JsonSerializer.Deserialize<ChildResult>(last)!;
    }

    private sealed record ChildResult(int Episodes, int Chunks, int Sentences, int Words, int SentencesReused, int WordsReused, double Seconds, double CpuSeconds, double PeakMb, double PeakManagedMb)
    {
        public double ChunksPerSecond => Chunks / Seconds;

        /// <summary>Chunks per second of processor time: on a machine shared with other work, wall time says more about the others.</summary>
        public double ChunksPerCpuSecond => Chunks / CpuSeconds;
    }
}
