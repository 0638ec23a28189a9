namespace Ask.Cli;

/// <summary>Exit codes scripts can rely on; listed in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The command failed: store unreachable, index unreadable, download failed.</summary>
    public const int Failure = 1;
    /// <summary>The command line was wrong: unknown option, missing argument, bad value.</summary>
    public const int Usage = 2;
    /// <summary>Nothing to work on: no episode could be read from the sources, or the index is empty.</summary>
    public const int NothingToDo = 3;
    /// <summary><c>ask eval</c>: a metric got worse than the baseline beyond its tolerance, or the run itself failed its gate.</summary>
    public const int Regressed = 4;
    /// <summary>Interrupted by Ctrl+C.</summary>
    public const int Cancelled = 130;
}
