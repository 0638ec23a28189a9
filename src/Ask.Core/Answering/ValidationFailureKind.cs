namespace Ask.Core.Answering;

/// <summary>
/// Groups <see cref="CitationValidator"/>'s error messages into a few kinds for the
/// <c>ask.answers.validation_failures</c> metric, so a dashboard shows what models get wrong.
/// </summary>
public static class ValidationFailureKind
{
    public static string Of(string error) => error switch
    {
        _ when error.StartsWith("The reply is", StringComparison.Ordinal) => "schema",
        _ when error.Contains("is not in source", StringComparison.Ordinal) => "quote_not_found",
        _ when error.Contains("the quote must copy", StringComparison.Ordinal) => "quote_too_short",
        _ when error.Contains("but the sources are numbered", StringComparison.Ordinal) => "unknown_source",
        _ when error.Contains("is outside source", StringComparison.Ordinal) || error.Contains("is not a time label", StringComparison.Ordinal) => "time",
        _ when error.StartsWith("The answer is empty", StringComparison.Ordinal) => "empty",
        _ when error.Contains("cite the words of the person you name", StringComparison.Ordinal) => "misattributed",
        _ when error.Contains("none of its quotes contains", StringComparison.Ordinal) => "unquoted_figure",
        _ when error.Contains("marker", StringComparison.OrdinalIgnoreCase) => "markers",
        _ => "other",
    };
}
