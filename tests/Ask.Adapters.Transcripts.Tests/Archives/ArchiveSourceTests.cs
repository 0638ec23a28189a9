using Ask.Adapters.Transcripts.Archives;
using Ask.Adapters.Transcripts.Tests.Support;
using Ask.Core;

namespace Ask.Adapters.Transcripts.Tests.Archives;

public sealed class ArchiveSourceTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _cache = new();
    private readonly LocalHttpServer _server = new();
    private readonly HttpClient _http = new();

    private static readonly string Episode = EpisodeYaml.File("transcript:\n- line: From the archive.\n  sec: 12");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public async Task Download_TarGzWithPodcastFolder_ReturnsPodcastFolder()
    {
        var url = _server.Serve("site.tar.gz", Support.Archives.TarGz(
            ("datatalksclub.github.io-main/README.md", "# the site"),
            ("datatalksclub.github.io-main/_podcast/archived-episode.md", Episode)));
        var progress = new RecordingProgress();
        var sut = new ArchiveSource(_http, TimeProvider.System);

        var folder = await sut.DownloadAsync(url, _cache.Path, progress, CancellationToken.None);

        Assert.Equal("_podcast", Path.GetFileName(folder));
        var result = Assert.Single(await Reading.Reader().ReadAllAsync(folder));
        Assert.Equal("archived-episode", result.Episode!.Id);
        Assert.Equal(12, Assert.Single(result.Episode.Lines).StartSec);
        var last = progress.Reports[^1];
        Assert.Equal(last.TotalBytes, last.BytesReceived);
        Assert.True(last.BytesReceived > 0);
        Assert.Equal(0, progress.Reports[0].BytesReceived);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path, ".*"));
    }

    [Fact]
    public async Task Download_ZipServedWithoutExtension_IsDetectedByMagicBytes()
    {
        var url = _server.Serve("download?id=42", Support.Archives.Zip(("_podcast/zipped.md", Episode), ("_podcast/sub/other.md", Episode)));
        var sut = new ArchiveSource(_http, TimeProvider.System);

        var folder = await sut.DownloadAsync(url, _cache.Path, null, CancellationToken.None);

        Assert.Equal("_podcast", Path.GetFileName(folder));
        Assert.Equal(2, (await Reading.Reader().ReadAllAsync(folder)).Count);
    }

    [Fact]
    public async Task Download_ArchiveWithoutPodcastFolder_ReturnsItsRoot()
    {
        var url = _server.Serve("episodes.zip", Support.Archives.Zip(("one.md", Episode)));
        var sut = new ArchiveSource(_http, TimeProvider.System);

        var folder = await sut.DownloadAsync(url, _cache.Path, null, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(folder, "one.md")));
    }

    [Fact]
    public async Task Download_SameUrlTwice_ReplacesThePreviousCopy()
    {
        var sut = new ArchiveSource(_http, TimeProvider.System);
        var url = _server.Serve("again.zip", Support.Archives.Zip(("_podcast/old.md", Episode)));
        await sut.DownloadAsync(url, _cache.Path, null, CancellationToken.None);
        _server.Serve("again.zip", Support.Archives.Zip(("_podcast/new.md", Episode)));

        var folder = await sut.DownloadAsync(url, _cache.Path, null, CancellationToken.None);

        Assert.Equal(["new.md"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("tar.gz")]
    public async Task Download_EntryEscapingTheFolder_RefusesTheArchiveAndLeavesNothing(string kind)
    {
        (string, string)[] entries = [("_podcast/fine.md", Episode), ("../../escaped.md", "evil")];
        var url = _server.Serve("slip." + kind, kind == "zip" ? Support.Archives.Zip(entries) : Support.Archives.TarGz(entries));
        var sut = new ArchiveSource(_http, TimeProvider.System);

        var error = await Assert.ThrowsAsync<AskException>(() => sut.DownloadAsync(url, _cache.Path, null, CancellationToken.None));

        Assert.Contains("../../escaped.md", error.Message);
        Assert.Contains("outside the target folder", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_cache.Path)!, "escaped.md")));
    }

    [Fact]
    public async Task Download_HttpError_NamesStatusAndUrl()
    {
        var url = new Uri(_server.BaseAddress, "missing.tar.gz");
        var sut = new ArchiveSource(_http, TimeProvider.System);

        var error = await Assert.ThrowsAsync<AskException>(() => sut.DownloadAsync(url, _cache.Path, null, CancellationToken.None));

        Assert.Contains("404", error.Message);
        Assert.Contains(url.ToString(), error.Message);
        Assert.False(error.IsTransient);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Fact]
    public async Task Download_ServerError_IsTransient()
    {
        var url = _server.Serve("flaky.zip", "oops"u8.ToArray(), status: 503);

        var error = await Assert.ThrowsAsync<AskException>(() => new ArchiveSource(_http, TimeProvider.System).DownloadAsync(url, _cache.Path, null, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("503", error.Message);
    }

    [Fact]
    public async Task Download_NotAnArchive_SaysSo()
    {
        var url = _server.Serve("page.tar.gz", "<html>login required</html>"u8.ToArray());

        var error = await Assert.ThrowsAsync<AskException>(() => new ArchiveSource(_http, TimeProvider.System).DownloadAsync(url, _cache.Path, null, CancellationToken.None));

        Assert.Contains("not a .tar.gz or .zip archive", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Fact]
    public async Task Download_DamagedGzip_IsAnAskException()
    {
        var url = _server.Serve("damaged.tgz", [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03]);

        var error = await Assert.ThrowsAsync<AskException>(() => new ArchiveSource(_http, TimeProvider.System).DownloadAsync(url, _cache.Path, null, CancellationToken.None));

        Assert.Contains("damaged", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Fact]
    public async Task Download_FileUrl_IsRefused()
    {
        var error = await Assert.ThrowsAsync<AskException>(() => new ArchiveSource(_http, TimeProvider.System).DownloadAsync(new Uri("file:///etc/passwd"), _cache.Path, null, CancellationToken.None));

        Assert.Contains("http", error.Message);
    }

    private sealed class RecordingProgress : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = [];

        // Called synchronously by the downloader (unlike Progress<T>, which posts to a thread pool).
        public void Report(DownloadProgress value)
        {
            lock (Reports) Reports.Add(value);
        }
    }
}
