using Ask.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Transcripts;

/// <summary>Checks the readers' limits at start: a zero or negative limit would refuse every file.</summary>
public sealed class EpisodeReaderOptionsValidator : IValidateOptions<EpisodeReaderOptions>
{
    public ValidateOptionsResult Validate(string? name, EpisodeReaderOptions o) => new OptionErrors(EpisodeReaderOptions.Section)
        .Between(nameof(o.MaxFileBytes), o.MaxFileBytes, 1, 1L << 32)
        .Between(nameof(o.MaxTranscriptSegments), o.MaxTranscriptSegments, 1, 100_000_000)
        .Between(nameof(o.MaxFeedBytes), o.MaxFeedBytes, 1, 1L << 32)
        .Between(nameof(o.MaxDownloadBytes), o.MaxDownloadBytes, 1, 1L << 40)
        .Between(nameof(o.MaxExtractedBytes), o.MaxExtractedBytes, 1, 1L << 40)
        .Between(nameof(o.MaxArchiveEntries), o.MaxArchiveEntries, 1, 100_000_000)
        .Between(nameof(o.MaxCompressionRatio), o.MaxCompressionRatio, 1, 1_000_000)
        .Between(nameof(o.DownloadIdleTimeout), o.DownloadIdleTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1))
        .Result;
}
