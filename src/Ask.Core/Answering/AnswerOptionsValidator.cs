using Ask.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Ask.Core.Answering;

/// <summary>Checks <see cref="AnswerOptions"/> at start; similarities are cosines, so thresholds lie in 0–1.</summary>
public sealed class AnswerOptionsValidator : IValidateOptions<AnswerOptions>
{
    public ValidateOptionsResult Validate(string? name, AnswerOptions o) => new OptionErrors(AnswerOptions.Section)
        .Between(nameof(o.Sources), o.Sources, 1, 50)
        .Between(nameof(o.RepairRounds), o.RepairRounds, 0, 5)
        .Between(nameof(o.ExtractiveQuotes), o.ExtractiveQuotes, 1, 20)
        .Between(nameof(o.ExtractiveSources), o.ExtractiveSources, 1, 50)
        .Between(nameof(o.ExtractiveCandidates), o.ExtractiveCandidates, 1, 1000)
        .Between(nameof(o.NotInArchiveThreshold), o.NotInArchiveThreshold, 0, 1)
        .Between(nameof(o.SupportThreshold), o.SupportThreshold, 0, 1)
        .Between(nameof(o.UnknownWordMatch), o.UnknownWordMatch, 0, 1)
        .Between(nameof(o.UnknownWordSupport), o.UnknownWordSupport, 0, 1)
        .Between(nameof(o.QuoteMargin), o.QuoteMargin, 0, 1)
        .Between(nameof(o.TopSourceMargin), o.TopSourceMargin, 0, 1)
        .Between(nameof(o.HostStoryMargin), o.HostStoryMargin, 0, 1)
        .Between(nameof(o.FigureMargin), o.FigureMargin, 0, 1)
        .Between(nameof(o.PersonMargin), o.PersonMargin, 0, 1)
        .Between(nameof(o.StandaloneSimilarity), o.StandaloneSimilarity, 0, 1)
        .Between(nameof(o.HistoryTurns), o.HistoryTurns, 0, RequestLimits.MaxHistoryTurns)
        .Result;
}
