using Ask.Adapters.Transcripts.Captions;
using Ask.Adapters.Transcripts.Chapters;
using Ask.Adapters.Transcripts.Cues;
using Ask.Adapters.Transcripts.EpisodeFiles;
using Ask.Adapters.Transcripts.Html;
using Ask.Adapters.Transcripts.Json;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>Reads one file and parses it in the format its content shows.</summary>
internal static class SourceReader
{
    private const string KnownFormats =
        "not an episode file (YAML front matter between '---' lines), raw captions ('M:SS text' lines), a chapter list ('HH:MM:SS Title' lines), " +
        "WebVTT or SRT captions, a JSON transcript or chapters, or an HTML transcript (<cite>, <time>, <p>)";

    public static async Task<SourceReading> ReadAsync(string path, EpisodeReaderOptions options, CancellationToken cancellationToken)
    {
        var maxBytes = options.MaxFileBytes;
        // A file is read into one array, so no setting can ask for more than an array holds.
        maxBytes = Math.Clamp(maxBytes, 0, Array.MaxLength - 1);
        byte[] bytes;
        try
        {
            // A named pipe or a device reports no size, and opening a pipe waits for a writer forever:
            // nothing of size zero is opened (an empty file holds nothing to read anyway).
            var size = new FileInfo(path).Length;
            if (size == 0) return Skipped(path, "the file is empty (or a pipe or device, not a file)");
            if (size > maxBytes) return TooLarge(path, size, maxBytes);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
            if (file.Length > maxBytes) return TooLarge(path, file.Length, maxBytes);
            // Read at most one byte past the cap: a file that grows while it is read is caught too.
            var buffer = new byte[(int)Math.Min(file.Length + 1, maxBytes + 1)];
            var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (read > maxBytes) return TooLarge(path, read, maxBytes);
            bytes = buffer[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Skipped(path, $"cannot read the file: {e.Message}");
        }
        return Parse(path, bytes, options.MaxTranscriptSegments);
    }

    public static SourceReading Parse(string path, byte[] bytes, int maxSegments)
    {
        try
        {
            return ParseText(path, bytes, maxSegments);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // A parser bug must cost one file, not the run (and not the web service's start-up ingest).
            return Skipped(path, $"cannot read the file: unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    private static SourceReading ParseText(string path, byte[] bytes, int maxSegments)
    {
        if (SourceDecoder.Decode(bytes, out var error) is not { } decoded)
            return Skipped(path, error!);
        if (LooksBinary(decoded))
            return Skipped(path, $"the file is binary or not UTF-8 text: {decoded.InvalidCount} invalid UTF-8 sequences");
        var problems = new List<ReadProblem>();
        var source = new SourceText(path, TextCleaner.Clean(decoded, path, problems));

        var format = FormatDetector.Detect(source);
        switch (format)
        {
            case SourceFormat.EpisodeFile:
                var result = EpisodeFileParser.Parse(source, FrontMatter.Find(source.Text)!);
                return new SourceReading(path, format, problems.Count == 0 ? result : result with { Problems = [.. problems, .. result.Problems] });
            case SourceFormat.RawCaptions:
                var captions = RawCaptionParser.Parse(source, problems);
                return new SourceReading(path, format, null) { Captions = captions, Problems = problems };
            case SourceFormat.WebVtt:
                return Captions(path, format, WebVttParser.Parse(source, problems, maxSegments), problems);
            case SourceFormat.Srt:
                return Captions(path, format, SrtParser.Parse(source, problems, maxSegments), problems);
            case SourceFormat.Html:
                return Captions(path, format, HtmlTranscriptParser.Parse(source, problems, maxSegments), problems);
            case SourceFormat.Json:
                return JsonTranscriptReader.Read(source, problems, maxSegments);
            case SourceFormat.ChapterList:
                var chapters = ChapterListParser.Parse(source, problems);
                return new SourceReading(path, format, null) { Chapters = chapters, Problems = problems };
            default:
                var firstLine = source.Lines.Select((l, i) => (l, i)).FirstOrDefault(x => x.l.Trim().Length > 0).i + 1;
                return new SourceReading(path, format, EpisodeReadResult.Skipped(path, SkipReason.Unreadable, KnownFormats, firstLine));
        }
    }

    private static SourceReading Captions(string path, SourceFormat format, List<RawCaption> captions, List<ReadProblem> problems) =>
        captions.Count == 0 && !problems.Any(p => p.IsWarning && p.Line > 0)
            ? Skipped(path, $"{format.Describe()} with no cue or paragraph holding text")
            : new SourceReading(path, format, null) { Captions = captions, Problems = problems };

    // Text in another 8-bit encoding has an invalid sequence per accented letter, a few percent at most;
    // far more means the bytes were never text.
    private static bool LooksBinary(DecodedSource decoded) =>
        decoded.InvalidCount >= 16 && decoded.InvalidCount > decoded.Text.Length / 10;

    private static SourceReading TooLarge(string path, long size, long maxBytes) =>
        Skipped(path, $"the file has {size:N0} bytes; files over {maxBytes:N0} bytes (Episodes:MaxFileBytes) are not read");

    private static SourceReading Skipped(string path, string message) =>
        new(path, SourceFormat.Unknown, EpisodeReadResult.Skipped(path, SkipReason.Unreadable, message));
}
