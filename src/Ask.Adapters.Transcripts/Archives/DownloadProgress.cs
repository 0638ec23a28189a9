namespace Ask.Adapters.Transcripts.Archives;

/// <summary>How far a download has got.</summary>
/// <param name="TotalBytes">The size the server announced, or null when it did not.</param>
public sealed record DownloadProgress(long BytesReceived, long? TotalBytes);
