using Ask.Testing.Files;
using Xunit.Abstractions;

namespace Ask.Cli.Tests.Faults;

/// <summary>
/// Kills a real <c>ask ingest</c> (SIGKILL) at many moments — reading, embedding, appending to the embedding
/// cache, writing, flushing and switching the generation, cleaning up — and checks after each that the index
/// loads and serves the previous or the new generation whole, and that the next ingest completes and serves
/// exactly what an uninterrupted one does. Slow (two processes per moment): run by <c>.ci/fault-tests</c>.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ask-crash-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Moments named by <see cref="Ask.Core.Ingestion.IngestCrashPoint"/> (stage:n = the n-th time the ingest
    /// passes it). With the fault episodes in batches of 4: 6 files read, 6 chunk batches (each one cache
    /// append), about 25 sentence batches (the copies' reworded sentences; the others' vectors come from the index), 6 generation files written, 4 switch steps, and 1 old generation
    /// removed (the starting data folder holds two).
    /// </summary>
    public static readonly string[] NamedMoments =
    [
        "read:1", "read:3", "read:6",
        "embed-chunks:1", "embed-chunks:3", "embed-chunks:6",
        "cache-append:1", "cache-append:3", "cache-append:5",
        "embed-sentences:1", "embed-sentences:8", "embed-sentences:16",
        "write:1", "write:2", "write:3", "write:4", "write:5", "write:6",
        "flushed:1",
        "switch:1", "switch:2", "switch:3", "switch:4",
        "cleanup:1",
    ];

    /// <summary>Moments picked by time instead, as fractions of an uninterrupted ingest's run time.</summary>
    /// <remarks>The machine's load varies, so a late one may come after the ingest finished; such a kill is not counted.</remarks>
    public static readonly double[] TimedMoments = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];

    [FaultFact]
    public async Task Ingest_KilledAtAnyMoment_IndexServesAWholeGenerationAndTheNextIngestCompletes()
    {
        var before = FaultEpisodes.Before(_root);
        var after = FaultEpisodes.After(_root);
        var pristine = Path.Combine(_root, "pristine");
        Assert.Equal(0, (await IngestProcess.RunAsync(pristine, before)).ExitCode);
        // A second generation, so that the interrupted ingest also has an old one to remove.
        Assert.Equal(0, (await IngestProcess.RunAsync(pristine, before, null, "--rebuild")).ExitCode);
        var previous = await IndexSnapshot.TakeAsync(pristine);

        var reference = Path.Combine(_root, "reference");
        Folders.Copy(pristine, reference);
        var uninterrupted = await IngestProcess.RunAsync(reference, after);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());
        var next = await IndexSnapshot.TakeAsync(reference);
        Assert.False(previous.Matches(next));
        output.WriteLine($"previous: {previous}\nnext: {next}\nuninterrupted ingest: {uninterrupted.Elapsed.TotalSeconds:F1} s");

        var survived = 0;
        var failures = new List<string>();
        var moments = NamedMoments.Select(m => (Name: m, Delay: (TimeSpan?)null))
            .Concat(TimedMoments.Select(f => (Name: $"{f:P0} of the run", Delay: (TimeSpan?)(uninterrupted.Elapsed * f))));
        var attempt = 0;
        foreach (var (name, delay) in moments)
        {
            var data = Path.Combine(_root, $"run-{++attempt}");
            Folders.Copy(pristine, data);
            var crashed = await CrashAsync(data, after, name, delay);
            if (crashed.ExitCode != IngestProcess.Killed)
            {
                // A timed kill can come after the ingest finished; that is no crash, and not counted.
                if (delay is null) failures.Add($"{name}: not killed ({crashed})");
                else output.WriteLine($"{name}: finished before the kill; not counted");
                continue;
            }

            string served;
            try
            {
                var snapshot = await IndexSnapshot.TakeAsync(data);
                served = snapshot.Matches(previous) ? "previous" : snapshot.Matches(next) ? "new" : "";
                if (served == "") { failures.Add($"{name}: serves neither generation whole: {snapshot}"); continue; }
            }
            catch (Exception e)
            {
                failures.Add($"{name}: index does not load: {e.Message}");
                continue;
            }

            var resumed = await IngestProcess.RunAsync(data, after);
            if (resumed.ExitCode != 0) { failures.Add($"{name}: the next ingest failed: {resumed}"); continue; }
            if (!(await IndexSnapshot.TakeAsync(data)).Matches(next)) { failures.Add($"{name}: the next ingest differs from an uninterrupted one"); continue; }
            // The new generation, the one served before it, and — when the kill came between the switch and the
            // removal of older ones, and the next ingest had nothing to write — one older; the next ingest that
            // writes removes it.
            var generations = Directory.EnumerateDirectories(Path.Combine(data, "index"), "gen-*").Count();
            if (generations > 3) { failures.Add($"{name}: {generations} generations left on disk"); continue; }
            survived++;
            output.WriteLine($"{name}: killed; served the {served} generation; next ingest whole");
            Directory.Delete(data, recursive: true);
        }

        output.WriteLine($"crash points survived: {survived}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(survived >= 20, $"only {survived} crash points were reached");
    }

    private static async Task<IngestProcess.Result> CrashAsync(string data, string episodes, string moment, TimeSpan? delay)
    {
        if (delay is null)
            return await IngestProcess.RunAsync(data, episodes, new Dictionary<string, string> { [Ask.Core.Ingestion.IngestCrashPoint.Variable] = moment });
        using var ingest = IngestProcess.Start(data, episodes);
        await Task.Delay(delay.Value);
        ingest.Kill();
        return await ingest.WaitAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}

/// <summary>A slow fault test, run by <c>.ci/fault-tests</c> (which sets <c>ASK_FAULT_TESTS=1</c>); skipped in the everyday suite.</summary>
public sealed class FaultFactAttribute : FactAttribute
{
    public FaultFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("ASK_FAULT_TESTS") != "1") Skip = "slow fault test: run .ci/fault-tests (or set ASK_FAULT_TESTS=1)";
    }
}
