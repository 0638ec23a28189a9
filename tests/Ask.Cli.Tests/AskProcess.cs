using System.Diagnostics;

namespace Ask.Cli.Tests;

/// <summary>Runs the real <c>ask</c> executable as a child process, the way a user or a script does.</summary>
public sealed class AskProcess : IDisposable
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ask-cli-" + Guid.NewGuid().ToString("N"));
    public string WorkDirectory { get; }

    public AskProcess()
    {
        WorkDirectory = Path.Combine(DataDirectory, "work");
        Directory.CreateDirectory(WorkDirectory);
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>More environment variables for every run (a language model's, say).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ask.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASK_DATA_DIR"] = Path.Combine(DataDirectory, "data");
        start.Environment.Remove("ASK_STORE");
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in Environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
