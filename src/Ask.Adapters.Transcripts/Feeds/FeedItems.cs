using System.Security.Cryptography;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>Brings each item of one feed up to date in the feed's folder, and records what it fetched in the state.</summary>
internal sealed class FeedItems(string folder, FeedState state, CappedFetcher fetcher, EpisodeReaderOptions options, Uri feedUrl)
{
    private const string FileCap = "Episodes:MaxFileBytes";

    private readonly HashSet<string> _idsThisRun = new(StringComparer.OrdinalIgnoreCase);

    public async Task<FeedItemReport> SyncAsync(FeedItem item, Podcast podcast, CancellationToken cancellationToken)
    {
        var notes = item.Notes.ToList();
        var known = state.Items.GetValueOrDefault(item.Guid);
        if (TranscriptChoice.Best(item.Transcripts) is not { } transcript)
        {
            Forget(item.Guid);
            return new FeedItemReport(item.Guid, item.Title, null, FeedItemStatus.Skipped, Join(["no <podcast:transcript> in the feed", .. notes]));
        }
        var id = IdFor(item, known);
        var entry = known ?? new FeedState.ItemState();
        entry.Id = id;
        if (Resolve(transcript.Url, out var url) is { } badUrl) return Failed(item, id, badUrl, notes);

        var transcriptFile = id + TranscriptChoice.Extension(transcript);
        var hadCopy = entry.TranscriptFile is { } previous && File.Exists(Path.Combine(folder, previous));
        var sameUrl = hadCopy && entry.TranscriptUrl == url.AbsoluteUri;
        var got = await GetAsync(url, sameUrl ? entry.Transcript : Validators.None, options.MaxFileBytes, FileCap, cancellationToken);
        if (got.Error is { } fetchError) return Failed(item, id, fetchError + (hadCopy ? "; the copy from the last run is kept" : ""), notes, keep: hadCopy);

        FeedItemStatus status;
        if (got.NotModified) status = FeedItemStatus.Unchanged;
        else
        {
            var body = got.Body!;
            var reading = SourceReader.Parse(url.AbsoluteUri, body, options.MaxTranscriptSegments);
            if (!reading.Format.IsTranscript())
            {
                var why = reading.Result?.Problems.FirstOrDefault(p => !p.IsWarning)?.Message ?? $"it holds {reading.Format.Describe()}, not a transcript";
                return Failed(item, id, $"the transcript {url} does not parse: {why}" + (hadCopy ? "; the copy from the last run is kept" : ""), notes, keep: hadCopy);
            }
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(body));
            if (hadCopy && fingerprint == entry.Fingerprint && entry.TranscriptFile == transcriptFile) status = FeedItemStatus.Unchanged;
            else
            {
                if (hadCopy && entry.TranscriptFile != transcriptFile) File.Delete(Path.Combine(folder, entry.TranscriptFile!));
                await File.WriteAllBytesAsync(Path.Combine(folder, transcriptFile), body, cancellationToken);
                status = FeedItemStatus.Fetched;
            }
            (entry.TranscriptFile, entry.Fingerprint) = (transcriptFile, fingerprint);
        }
        (entry.TranscriptUrl, entry.Transcript) = (url.AbsoluteUri, got.Validators);
        await SyncChaptersAsync(item, entry, notes, cancellationToken);
        await WriteIfChangedAsync(id + ".md", FeedEpisodeFile.Write(item, podcast), cancellationToken);
        state.Items[item.Guid] = entry;
        return new FeedItemReport(item.Guid, item.Title, id, status, notes.Count > 0 ? Join(notes) : null);
    }

    /// <summary>Removes the files of items that are no longer in the feed.</summary>
    public void RemoveDeparted(IReadOnlyList<FeedItem> items)
    {
        var current = items.Select(i => i.Guid).ToHashSet(StringComparer.Ordinal);
        foreach (var guid in state.Items.Keys.Where(g => !current.Contains(g)).ToList()) Forget(guid);
    }

    private async Task SyncChaptersAsync(FeedItem item, FeedState.ItemState entry, List<string> notes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, entry.Id + ".chapters.json");
        if (item.ChaptersUrl is null)
        {
            File.Delete(path);
            (entry.ChaptersUrl, entry.Chapters) = (null, Validators.None);
            return;
        }
        if (Resolve(item.ChaptersUrl, out var url) is { } badUrl)
        {
            notes.Add($"chapters not read: {badUrl}");
            return;
        }
        var same = entry.ChaptersUrl == url.AbsoluteUri && File.Exists(path);
        var got = await GetAsync(url, same ? entry.Chapters : Validators.None, options.MaxFileBytes, FileCap, cancellationToken);
        if (got.Error is { } error)
        {
            notes.Add($"chapters not read: {error}");
            return;
        }
        if (got.Body is { } body)
        {
            var reading = SourceReader.Parse(url.AbsoluteUri, body, options.MaxTranscriptSegments);
            if (!reading.Format.IsChapters())
            {
                notes.Add($"chapters {url} not read: {reading.Result?.Problems.FirstOrDefault()?.Message ?? $"it holds {reading.Format.Describe()}, not chapters"}");
                return;
            }
            await File.WriteAllBytesAsync(path, body, cancellationToken);
        }
        (entry.ChaptersUrl, entry.Chapters) = (url.AbsoluteUri, got.Validators);
    }

    private async Task<Fetched> GetAsync(Uri url, Validators known, long maxBytes, string cap, CancellationToken cancellationToken)
    {
        if (!url.IsFile) return await fetcher.FetchAsync(url, known, maxBytes, cap, cancellationToken);
        var path = url.LocalPath;
        try
        {
            var size = new FileInfo(path).Length;
            if (size > maxBytes) return Fetched.Failed($"{path} has {size:N0} bytes, over the {maxBytes:N0}-byte cap ({cap})");
            return new Fetched(await File.ReadAllBytesAsync(path, cancellationToken), false, Validators.None, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fetched.Failed($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>Resolves a link of the feed against the feed's own address; null when it is usable, else why not.</summary>
    private string? Resolve(string link, out Uri url)
    {
        if (!Uri.TryCreate(feedUrl, link, out url!)) return $"'{link}' is not a URL";
        if (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) return null;
        // A feed from the web must not make Ask read files of the machine it runs on.
        if (url.IsFile && feedUrl.IsFile) return null;
        return $"'{link}' is neither http(s) nor a file beside a local feed";
    }

    private string IdFor(FeedItem item, FeedState.ItemState? known)
    {
        if (known is not null && Slugs.IsValid(known.Id) && _idsThisRun.Add(known.Id)) return known.Id;
        var taken = state.Items.Where(p => p.Key != item.Guid).Select(p => p.Value.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var stem = Slugs.From(item.Title) is { Length: > 0 } slug ? slug : "episode";
        var id = stem;
        for (var n = 2; taken.Contains(id) || !_idsThisRun.Add(id); n++) id = $"{stem}-{n}";
        return id;
    }

    private FeedItemReport Failed(FeedItem item, string id, string reason, List<string> notes, bool keep = false)
    {
        // A copy from the last run stays in the index until the item's transcript can be read again.
        if (!keep) Forget(item.Guid);
        return new FeedItemReport(item.Guid, item.Title, id, FeedItemStatus.Failed, Join([reason, .. notes]));
    }

    private void Forget(string guid)
    {
        if (!state.Items.Remove(guid, out var entry)) return;
        foreach (var name in new[] { entry.Id + ".md", entry.TranscriptFile, entry.Id + ".chapters.json" })
            if (name is not null) File.Delete(Path.Combine(folder, name));
    }

    private async Task WriteIfChangedAsync(string name, string text, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, name);
        if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == text) return;
        await File.WriteAllTextAsync(path, text, cancellationToken);
    }

    private static string Join(IEnumerable<string> parts) => string.Join("; ", parts);
}
