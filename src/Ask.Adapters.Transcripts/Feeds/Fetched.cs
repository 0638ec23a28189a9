namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>The outcome of one conditional download: a body, "not modified", or why it failed.</summary>
internal sealed record Fetched(byte[]? Body, bool NotModified, Validators Validators, string? Error)
{
    public static Fetched Failed(string error) => new(null, false, Validators.None, error);
}
