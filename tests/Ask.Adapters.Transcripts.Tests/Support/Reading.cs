using Ask.Core.Ingestion;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Transcripts.Tests.Support;

internal static class Reading
{
    public static EpisodeFileReader Reader(EpisodeReaderOptions? options = null) => new(Options.Create(options ?? new EpisodeReaderOptions()));

    public static async Task<List<EpisodeReadResult>> ReadAllAsync(this EpisodeFileReader sut, params string[] paths)
    {
        var results = new List<EpisodeReadResult>();
        await foreach (var result in sut.ReadAsync(paths, CancellationToken.None)) results.Add(result);
        return results;
    }

    public static async Task<EpisodeReadResult> ReadOneAsync(this EpisodeFileReader sut, string path) =>
        Assert.Single(await sut.ReadAllAsync(path));

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ask.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ask.sln not found above " + AppContext.BaseDirectory);
    }
}
