using Ask.Core;

namespace Ask.Adapters.Transcripts.Archives;

/// <summary>
/// Wraps a decompressing stream and counts every byte it yields, including the ones a tar reader skips
/// over: the total and the ratio to the compressed bytes read so far are checked on every read, so a bomb
/// is stopped after at most one buffer past the limit, whatever entry it hides in.
/// </summary>
internal sealed class ExpansionGuard(Stream expanded, Stream compressed, ArchiveLimits limits) : Stream
{
    public long Expanded { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Count(expanded.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(expanded.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await expanded.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        Expanded += read;
        if (Expanded > limits.MaxExtractedBytes)
            throw new AskException($"The archive expands to more than {limits.MaxExtractedBytes:N0} bytes (Episodes:MaxExtractedBytes); the archive was refused.");
        if (limits.IsBomb(Expanded, compressed.Position))
            throw new AskException($"The archive expands more than {limits.MaxCompressionRatio:N0} times its compressed size (Episodes:MaxCompressionRatio), a decompression bomb; the archive was refused.");
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Expanded; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) expanded.Dispose();
        base.Dispose(disposing);
    }
}
