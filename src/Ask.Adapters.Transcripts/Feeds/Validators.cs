namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>What a server said identifies the copy it sent: sent back to ask "has it changed?".</summary>
internal sealed record Validators(string? ETag, string? LastModified)
{
    public static Validators None { get; } = new(null, null);

    public bool IsEmpty => ETag is null && LastModified is null;
}
