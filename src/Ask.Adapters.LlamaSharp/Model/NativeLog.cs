using System.Collections.Concurrent;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.LlamaSharp.Model;

/// <summary>
/// Routes llama.cpp's log (process-wide) to an <see cref="ILogger"/>: its chatter at Debug, its warnings and
/// errors as such. The last errors are kept, because a failed load is explained only there.
/// </summary>
internal static class NativeLog
{
    private const int Kept = 8;
    private static readonly ConcurrentQueue<string> _errors = new();
    private static ILogger? _logger;
    private static LLamaLogLevel _last = LLamaLogLevel.Info;

    public static void RouteTo(ILogger logger)
    {
        _logger = logger;
        try
        {
            NativeLogConfig.llama_log_set(Write);
        }
        catch (InvalidOperationException) when (NativeLibraryConfig.LLama.LibraryHasLoaded)
        {
            // Before the native library is loaded the callback goes into its configuration; a second model loading
            // at the same time can finish loading it in between, which makes that configuration refuse. Loaded
            // now, the callback goes straight to llama.cpp.
            NativeLogConfig.llama_log_set(Write);
        }
    }

    /// <summary>The last error lines llama.cpp logged, oldest first; cleared by the call.</summary>
    public static string TakeErrors()
    {
        var lines = new List<string>();
        while (_errors.TryDequeue(out var line)) lines.Add(line);
        return string.Join(" | ", lines);
    }

    public static void ClearErrors() => _errors.Clear();

    private static void Write(LLamaLogLevel level, string message)
    {
        // Continue carries on the previous line at its level.
        if (level == LLamaLogLevel.Continue) level = _last;
        _last = level;
        var text = message.TrimEnd();
        if (text.Length == 0) return;
        if (level == LLamaLogLevel.Error)
        {
            _errors.Enqueue(text);
            while (_errors.Count > Kept) _errors.TryDequeue(out _);
        }
        var logger = _logger;
        if (logger is null) return;
        var mapped = level switch
        {
            LLamaLogLevel.Error => LogLevel.Error,
            LLamaLogLevel.Warning => LogLevel.Warning,
            LLamaLogLevel.Info => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        if (logger.IsEnabled(mapped)) Log.Native(logger, mapped, text);
    }
}
