using Ask.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Ask.Core.Ingestion;

/// <summary>Checks <see cref="IngestionOptions"/> at start.</summary>
public sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions o) => new OptionErrors(IngestionOptions.Section)
        .Between(nameof(o.EmbeddingBatchSize), o.EmbeddingBatchSize, 1, 4096)
        .Between(nameof(o.EmbeddingConcurrency), o.EmbeddingConcurrency, 0, 256)
        .Between(nameof(o.LockTimeout), o.LockTimeout, TimeSpan.Zero, TimeSpan.FromDays(1))
        .Result;
}
