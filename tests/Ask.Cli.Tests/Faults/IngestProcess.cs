using System.Diagnostics;
using System.Text;

namespace Ask.Cli.Tests.Faults;

/// <summary>A real <c>ask ingest</c> process into a given data folder, which a test may kill while it runs.</summary>
internal sealed class IngestProcess : IDisposable
{
    /// <summary>Exit code of a process killed by SIGKILL (128 + 9).</summary>
    public const int Killed = 137;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private IngestProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:F1} s\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    public static IngestProcess Start(string dataDirectory, string episodes, IReadOnlyDictionary<string, string>? environment = null, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ask.dll"));
        start.ArgumentList.Add("ingest");
        start.ArgumentList.Add(episodes);
        foreach (var arg in extra) start.ArgumentList.Add(arg);
        start.Environment["ASK_DATA_DIR"] = dataDirectory;
        start.Environment.Remove("ASK_STORE");
        start.Environment.Remove("ASK_EPISODES_DIR");
        start.Environment["NO_COLOR"] = "1";
        // Small batches: more moments between batches at which a crash test can stop the ingest.
        start.Environment["Ingestion__EmbeddingBatchSize"] = "4";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return new IngestProcess(Process.Start(start)!);
    }

    public static async Task<Result> RunAsync(string dataDirectory, string episodes, IReadOnlyDictionary<string, string>? environment = null, params string[] extra)
    {
        using var process = Start(dataDirectory, episodes, environment, extra);
        return await process.WaitAsync();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL, as the OOM killer or a power cut would stop it: no handler runs.</summary>
    public void Kill()
    {
        try { _process.Kill(); }
        catch (InvalidOperationException) { } // already exited
    }

    public async Task<Result> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        _clock.Stop();
        lock (_stdout) lock (_stderr)
            return new Result(_process.ExitCode, _stdout.ToString(), _stderr.ToString(), _clock.Elapsed);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
