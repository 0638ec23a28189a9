namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>The outcome of one conditional download: a body, "not modified", or why it failed.</summary>
internal sealed record Fetched(byte[]? Body, bool NotModified, Validators Validators, string? Error)
{
    /// <summary>The body began like a .tar.gz or .zip archive, and reading stopped there.</summary>
    public bool IsArchive { get; init; }

    public static Fetched Failed(string error) => new(null, false, Validators.None, error);
}
