using System.Runtime.CompilerServices;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Ingestion;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Transcripts;

/// <summary>
/// Reads episodes from files and folders (recursively, in ordinal path order): DataTalks.Club episode
/// files, raw caption transcripts, chapter lists, WebVTT and SRT captions, JSON transcripts
/// (Podcasting 2.0 and Whisper), JSON chapters and HTML transcripts, told apart by their content. A file that cannot be
/// read becomes a skipped result with its file and line; nothing a file holds ends the run.
/// </summary>
public sealed class EpisodeFileReader : IEpisodeReader
{
    private readonly EpisodeReaderOptions _options;

    public EpisodeFileReader(IOptions<EpisodeReaderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public async IAsyncEnumerable<EpisodeReadResult> ReadAsync(IReadOnlyList<string> paths, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var (files, missing) = SourceFiles.Expand(paths);
        foreach (var result in missing) yield return result;

        // Files are parsed in parallel (YAML parsing dominates) into fixed slots, so the order of the
        // results does not depend on which file finished first.
        var readings = new SourceReading[files.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, files.Count),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (i, token) => readings[i] = await SourceReader.ReadAsync(files[i], _options, token));

        foreach (var result in new EpisodeAssembler(_options).Assemble(readings))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return result;
        }
    }
}
