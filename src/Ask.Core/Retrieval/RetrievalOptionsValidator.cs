using Ask.Core.Answering;
using Ask.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Ask.Core.Retrieval;

/// <summary>Checks <see cref="RetrievalOptions"/> at start, so a typo fails the start rather than every search.</summary>
public sealed class RetrievalOptionsValidator : IValidateOptions<RetrievalOptions>
{
    public ValidateOptionsResult Validate(string? name, RetrievalOptions o) => new OptionErrors(RetrievalOptions.Section)
        .Require(Enum.IsDefined(o.Mode), nameof(o.Mode), "must be Hybrid, Dense or Lexical", o.Mode.ToString())
        .Require(Enum.IsDefined(o.Fusion), nameof(o.Fusion), "must be Scores or Rrf", o.Fusion.ToString())
        .Between(nameof(o.Candidates), o.Candidates, 1, 10_000)
        .Between(nameof(o.DenseWeight), o.DenseWeight, 0, 100)
        .Between(nameof(o.LexicalWeight), o.LexicalWeight, 0, 100)
        .Require(o.RrfK is > 0 and <= 10_000, nameof(o.RrfK), "must be above 0 and at most 10000", o.RrfK.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Between(nameof(o.NamedGuestBoost), o.NamedGuestBoost, 0, 10)
        .Between(nameof(o.IntroductionPenalty), o.IntroductionPenalty, 0, 10)
        .Between(nameof(o.IntroductionChunks), o.IntroductionChunks, 0, 100)
        .Between(nameof(o.IntroductionHostShare), o.IntroductionHostShare, 0, 1)
        .Between(nameof(o.DefaultLimit), o.DefaultLimit, 1, RequestLimits.MaxSearchPassages)
        .Result;
}
