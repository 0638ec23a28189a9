using Ask.Core;
using Microsoft.Extensions.Options;

namespace Ask.Hosting;

/// <summary>
/// What a host prints when configuration stops its start: one line naming every bad key and why, never a
/// stack trace; an <see cref="AskException"/> (a store that cannot be opened) is already such a line. Null for anything else, which is a bug and keeps its trace.
/// </summary>
public static class StartupErrors
{
    public static string? Describe(Exception exception) => exception is AskException ask
        ? OneLine(ask.Message)
        : Failures(exception) is { Count: > 0 } failures ? "configuration: " + string.Join(" ", failures) : null;

    private static List<string>? Failures(Exception exception) => exception switch
    {
        OptionsValidationException e => e.Failures.Select(OneLine).ToList(),
        AggregateException a when a.InnerExceptions.All(i => i is OptionsValidationException) =>
            a.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures).Select(OneLine).ToList(),
        _ => null,
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
