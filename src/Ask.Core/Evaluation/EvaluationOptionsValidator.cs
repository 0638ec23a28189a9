using Ask.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Ask.Core.Evaluation;

/// <summary>Checks <see cref="EvaluationOptions"/> at start, so a gate is never run with a meaningless tolerance.</summary>
public sealed class EvaluationOptionsValidator : IValidateOptions<EvaluationOptions>
{
    public ValidateOptionsResult Validate(string? name, EvaluationOptions o)
    {
        var errors = new OptionErrors(EvaluationOptions.Section)
            .AtLeast(nameof(o.Tolerance), o.Tolerance, 0)
            .Require(o.FactMatchThreshold is > 0 and <= 1, nameof(o.FactMatchThreshold), "must be above 0 and at most 1", o.FactMatchThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Require(Enum.IsDefined(o.Judge), nameof(o.Judge), "must be Auto or Embedding", o.Judge.ToString())
            .Require(o.JudgeVotes is >= 1 and <= 9 && o.JudgeVotes % 2 == 1, nameof(o.JudgeVotes), "must be an odd number from 1 to 9", o.JudgeVotes.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Between(nameof(o.MaxUnscorableShare), o.MaxUnscorableShare, 0, 1);
        foreach (var (metric, tolerance) in o.Tolerances)
            errors.AtLeast($"{nameof(o.Tolerances)}:{metric}", tolerance, 0);
        return errors.Result;
    }
}
