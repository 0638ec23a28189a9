using System.Runtime.CompilerServices;
using Ask.Core.Ingestion;

namespace Ask.Testing.Episodes;

/// <summary>An episode source for pipeline tests: returns the results it was given, whatever the paths.</summary>
public sealed class InMemoryEpisodeReader : IEpisodeReader
{
    public List<EpisodeReadResult> Results { get; } = [];

    public async IAsyncEnumerable<EpisodeReadResult> ReadAsync(IReadOnlyList<string> paths, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var result in Results)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return result;
        }
    }
}
