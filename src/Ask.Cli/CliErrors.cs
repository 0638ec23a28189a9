using Ask.Core;
using Ask.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ask.Cli;

/// <summary>Turns exceptions into one readable line on stderr and an exit code — never a stack trace.</summary>
internal static class CliErrors
{
    public static int Handle(Exception exception, ITypeResolver? resolver)
    {
        var (message, code) = exception switch
        {
            CommandParseException or CommandRuntimeException => (exception.Message, ExitCodes.Usage),
            OperationCanceledException => ("cancelled", ExitCodes.Cancelled),
            AskException e => (e.Message, ExitCodes.Failure),
            OptionsValidationException or AggregateException when StartupErrors.Describe(exception) is { } described => (described, ExitCodes.Usage),
            IOException or UnauthorizedAccessException => (exception.Message, ExitCodes.Failure),
            _ => ($"unexpected error: {exception.GetType().Name}: {exception.Message}", ExitCodes.Failure),
        };
        Stderr.MarkupLineInterpolated($"[red]error:[/] {TerminalText.Safe(message)}");
        return code;
    }

    public static readonly IAnsiConsole Stderr = CreateStderr();

    private static IAnsiConsole CreateStderr()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Redirected output is read by scripts and logs: one message per line, never wrapped at 80 columns.
        if (Console.IsErrorRedirected) console.Profile.Width = 4096;
        return console;
    }
}
