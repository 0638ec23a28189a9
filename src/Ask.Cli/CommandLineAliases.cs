namespace Ask.Cli;

/// <summary>
/// Spelling the parser cannot declare itself: Spectre.Console.Cli requires long options of two or more
/// letters, but <c>--k N</c> is how search tools name the result count, so it is rewritten to <c>-k N</c>.
/// </summary>
internal static class CommandLineAliases
{
    public static string[] Apply(string[] args) => args
        .Select(a => a == "--k" ? "-k" : a.StartsWith("--k=", StringComparison.Ordinal) ? "-k=" + a[4..] : a)
        .ToArray();
}
