using System.Net;
using System.Net.Sockets;
using Ask.Adapters.Transcripts.Archives;
using Ask.Adapters.Transcripts.Tests.Support;
using Ask.Core;
using Ask.Testing.Time;
using Microsoft.Extensions.Time.Testing;

namespace Ask.Adapters.Transcripts.Tests.Hostile;

/// <summary>Every hostile archive downloaded for real from a local server, with the real limits.</summary>
public sealed class HostileArchiveTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _cache = new();
    private readonly LocalHttpServer _server = new();
    private readonly HttpClient _http = new();

    public static TheoryData<string> Kinds() => [.. HostileArchives.All.Select(a => a.Kind)];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _cache.Dispose();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Download_HostileArchive_GetsItsVerdict(string kind)
    {
        var archive = HostileArchives.All.Single(a => a.Kind == kind);
        var url = _server.Serve(kind + (archive.Bytes[0] == 0x1F ? ".tar.gz" : ".zip"), archive.Bytes);
        var sut = new ArchiveSource(_http, TimeProvider.System, archive.Options);

        if (archive.Refusal is { } fragments)
        {
            var error = await Assert.ThrowsAsync<AskException>(() => sut.DownloadAsync(url, _cache.Path, null, CancellationToken.None));
            foreach (var fragment in fragments) Assert.Contains(fragment, error.Message);
            // Refused whole: nothing extracted, no temporary file left behind.
            Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
            Assert.False(System.IO.File.Exists("/tmp/ask-absolute.md"));
        }
        else
        {
            var folder = await sut.DownloadAsync(url, _cache.Path, null, CancellationToken.None);
            var root = Directory.GetParent(folder)!.FullName;
            Assert.Equal(archive.Extracted.Order(), Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order());
            Assert.Empty(Directory.GetFileSystemEntries(_cache.Path, ".*"));
            Assert.All((await Reading.Reader().ReadAllAsync(folder)), r => Assert.NotNull(r.Episode));
        }
    }

    [Fact]
    public async Task Download_ServerStallsMidBody_GivesUpAfterTheIdleTimeout()
    {
        using var stalling = new TcpListener(IPAddress.Loopback, 0);
        stalling.Start();
        var port = ((IPEndPoint)stalling.LocalEndpoint).Port;
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var serve = Task.Run(async () =>
        {
            using var client = await stalling.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAtLeastAsync(new byte[4096], 1, throwOnEndOfStream: false);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"u8.ToArray());
            await stream.WriteAsync(new byte[] { 0x1F, 0x8B, 0x08, 0x00 });
            stalled.TrySetResult();
            await release.Task;
        });
        var time = new ObservedTimeProvider();
        var idle = TimeSpan.FromMilliseconds(500);
        var sut = new ArchiveSource(_http, time, new EpisodeReaderOptions { DownloadIdleTimeout = idle });

        var download = sut.DownloadAsync(new Uri($"http://127.0.0.1:{port}/slow.tar.gz"), _cache.Path, null, CancellationToken.None);
        await stalled.Task.WaitAsync(ObservedTimeProvider.Guard);
        // The server has written, but the client may not have read the headers yet: moving the clock now would
        // fire the wait for an answer, not a read's. The second timer is the first read's.
        await time.WaitForTimersAsync(2);
        await time.AdvanceUntilDoneAsync(download, idle);
        var error = await Assert.ThrowsAsync<AskException>(() => download);
        release.TrySetResult();

        Assert.Contains("stalled: no data for 0.5 s (Episodes:DownloadIdleTimeout)", error.Message);
        Assert.True(error.IsTransient);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(70_000)]
    public void ZipEntryCount_IsReadFromTheEndRecordWithoutOpeningTheArchive(int entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            for (var i = 0; i < entries; i++) zip.CreateEntry($"e{i}");
        var path = Path.Combine(_cache.Path, "count.zip");
        System.IO.File.WriteAllBytes(path, buffer.ToArray());

        // 70,000 is past the 65,535 a classic end record holds: the zip64 record is read.
        Assert.Equal(entries, ZipEntryCount.Read(path));
    }

    [Fact]
    public async Task Download_ServerNeverAnswers_GivesUpAfterTheIdleTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var serve = Task.Run(async () =>
        {
            using var client = await silent.AcceptTcpClientAsync();
            connected.TrySetResult();
            await release.Task;
        });
        var time = new ObservedTimeProvider();
        var idle = TimeSpan.FromMilliseconds(500);
        var sut = new ArchiveSource(_http, time, new EpisodeReaderOptions { DownloadIdleTimeout = idle });

        var download = sut.DownloadAsync(new Uri($"http://127.0.0.1:{port}/silent.zip"), _cache.Path, null, CancellationToken.None);
        await connected.Task.WaitAsync(ObservedTimeProvider.Guard);
        await time.AdvanceUntilDoneAsync(download, idle);
        var error = await Assert.ThrowsAsync<AskException>(() => download);
        release.TrySetResult();

        Assert.Contains("no answer within 0.5 s (Episodes:DownloadIdleTimeout)", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Fact]
    public async Task Download_LeftoversOfAKilledRun_AreRemoved()
    {
        var oldDownload = Path.Combine(_cache.Path, ".download-0123456789ab.tmp");
        var oldExtract = Directory.CreateDirectory(Path.Combine(_cache.Path, ".extract-0123456789ab")).FullName;
        var oldCopy = Directory.CreateDirectory(Path.Combine(_cache.Path, "site-abc.old-12345678")).FullName;
        var fresh = Path.Combine(_cache.Path, ".download-fresh.tmp");
        System.IO.File.WriteAllText(oldDownload, "half");
        System.IO.File.WriteAllText(fresh, "another run, now");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var old in new[] { oldDownload, oldExtract, oldCopy }) Directory.SetLastWriteTimeUtc(old, now.AddHours(-2));
        System.IO.File.SetLastWriteTimeUtc(oldDownload, now.AddHours(-2));
        // Written just within the hour that marks a run as dead: another run's live download.
        System.IO.File.SetLastWriteTimeUtc(fresh, now.AddMinutes(-59));
        var url = _server.Serve("ok.zip", Support.Archives.Zip(("_podcast/a.md", "---\ntitle: A\n---\n")));

        await new ArchiveSource(_http, time).DownloadAsync(url, _cache.Path, null, CancellationToken.None);

        Assert.False(System.IO.File.Exists(oldDownload));
        Assert.False(Directory.Exists(oldExtract));
        Assert.False(Directory.Exists(oldCopy));
        Assert.True(System.IO.File.Exists(fresh));
    }
}
