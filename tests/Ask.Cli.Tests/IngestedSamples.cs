using Ask.Adapters.Transcripts.Samples;
using Ask.Testing.Files;

namespace Ask.Cli.Tests;

/// <summary>
/// The sample episodes ingested once per test run by the real <c>ask ingest</c>, for tests about what comes after
/// an ingest (eval over its index): each starts from a copy of that data folder instead of embedding the samples
/// again in a process of its own. Tests about ingest itself still run it (<see cref="CliTests"/>).
/// </summary>
internal static class IngestedSamples
{
    private static readonly SemaphoreSlim _gate = new(1, 1);
    private static AskProcess? _seed;

    /// <summary>Gives <paramref name="ask"/> the samples in <c>episodes/</c> of its work folder and an index over them.</summary>
    public static async Task CopyToAsync(AskProcess ask)
    {
        var seed = await SeedAsync();
        Folders.Copy(Path.Combine(seed.DataDirectory, "data"), Path.Combine(ask.DataDirectory, "data"));
        SampleEpisodes.WriteTo(Path.Combine(ask.WorkDirectory, "episodes"));
    }

    private static async Task<AskProcess> SeedAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_seed is not null) return _seed;
            var seed = new AskProcess();
            var episodes = Path.Combine(seed.WorkDirectory, "episodes");
            SampleEpisodes.WriteTo(episodes);
            var ingest = await seed.RunAsync("ingest", episodes);
            Assert.True(ingest.ExitCode == 0, ingest.Stderr);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => seed.Dispose();
            return _seed = seed;
        }
        finally
        {
            _gate.Release();
        }
    }

}
