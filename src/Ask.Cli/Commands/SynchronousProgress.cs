namespace Ask.Cli.Commands;

/// <summary>Progress&lt;T&gt; posts to the thread pool; a display wants each report as it happens.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
