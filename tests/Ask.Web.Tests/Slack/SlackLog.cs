using System.Collections.Concurrent;
using Ask.Testing.Time;
using Microsoft.Extensions.Logging;

namespace Ask.Web.Tests.Slack;

/// <summary>
/// The bot's log lines, kept so a test can see the decision the bot made ("duplicate ignored", "queued")
/// instead of waiting a while and concluding from silence that nothing happened.
/// </summary>
public sealed class SlackLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Arrivals _arrivals = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public int Count(string fragment) => _lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Returns the first line containing <paramref name="fragment"/>, waiting for it if it has not been logged yet.</summary>
    public async Task<string> WaitForAsync(string fragment)
    {
        await _arrivals.WaitUntilAsync(() => Count(fragment) > 0, () => $"no log line with '{fragment}'");
        return _lines.First(l => l.Contains(fragment, StringComparison.Ordinal));
    }

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Ask.Adapters.Slack", StringComparison.Ordinal) ? new Logger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(SlackLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            log._lines.Enqueue(formatter(state, exception));
            log._arrivals.Pulse();
        }
    }
}
