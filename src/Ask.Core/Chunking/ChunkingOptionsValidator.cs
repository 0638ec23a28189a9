using Ask.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Ask.Core.Chunking;

/// <summary>Checks <see cref="ChunkingOptions"/> at start: a chunk needs words enough to be found and quoted.</summary>
public sealed class ChunkingOptionsValidator : IValidateOptions<ChunkingOptions>
{
    public ValidateOptionsResult Validate(string? name, ChunkingOptions o) => new OptionErrors(ChunkingOptions.Section)
        .Between(nameof(o.TargetWords), o.TargetWords, 10, 5000)
        .Between(nameof(o.MinWords), o.MinWords, 0, Math.Max(0, o.TargetWords))
        .Result;
}
