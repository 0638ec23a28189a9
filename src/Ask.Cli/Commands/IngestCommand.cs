using System.ComponentModel;
using System.Text.Json;
using Ask.Adapters.Transcripts;
using Ask.Adapters.Transcripts.Archives;
using Ask.Adapters.Transcripts.Feeds;
using Ask.Adapters.Transcripts.Samples;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ask.Cli.Commands;

public sealed class IngestCommand : AsyncCommand<IngestCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("Episode files, folders (read recursively), http(s) URLs of .tar.gz/.zip archives, or podcast RSS feeds (a URL or a local file). Formats are detected from content: episode files with YAML front matter, raw caption transcripts (M:SS text), chapter lists (HH:MM:SS Title: summary), WebVTT, SRT, JSON (Podcasting 2.0, Whisper) and HTML transcripts, JSON chapters.")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--rebuild")]
        [Description("Re-index every episode from scratch and drop everything not in PATH (also after changing the embedding model).")]
        public bool Rebuild { get; init; }

        [CommandOption("--prune")]
        [Description("Remove indexed episodes that are not in PATH.")]
        public bool Prune { get; init; }

        [CommandOption("--episode-id <ID>")]
        [Description("Episode that raw captions or a chapter list in PATH belong to (when no sibling episode file has the same name).")]
        public string? EpisodeId { get; init; }

        [CommandOption("--title <TITLE>")]
        [Description("Title of an episode built from raw captions alone.")]
        public string? Title { get; init; }

        [CommandOption("--youtube <VIDEO_ID>")]
        [Description("YouTube video id of an episode built from raw captions alone.")]
        public string? YouTubeId { get; init; }

        [CommandOption("--guest <ID>")]
        [Description("Guest id of an episode built from raw captions alone; repeat for several.")]
        public string[] Guests { get; init; } = [];

        [CommandOption("--json")]
        [Description("Print the summary as JSON on stdout instead of a table.")]
        public bool Json { get; init; }

        [CommandOption("--podcast <ID[=TITLE]>")]
        [Description("The podcast every episode in PATH belongs to, e.g. my-show or 'my-show=My Show' (lower-case letters, digits, dashes). Its episodes are indexed as ID/EPISODE. Default: each episode's own — a feed's from its title, datatalksclub for episode files.")]
        public string? Podcast { get; init; }

        public override ValidationResult Validate()
        {
            if (Paths.Length == 0) return ValidationResult.Error("Give at least one file, folder or archive URL to ingest.");
            if (Podcast is not null && PodcastSpec.TryParse(Podcast, out var podcastError) is null)
                return ValidationResult.Error($"--podcast '{Podcast}' {podcastError}.");
            foreach (var path in Paths)
            {
                if (IsUrl(path)) continue;
                if (!File.Exists(path) && !Directory.Exists(path)) return ValidationResult.Error($"'{path}' is neither a file, a folder nor an http(s) URL.");
            }
            return base.Validate();
        }

        public override IEnumerable<KeyValuePair<string, string?>> ToConfiguration()
        {
            foreach (var pair in base.ToConfiguration()) yield return pair;
            if (EpisodeId is not null) yield return new("Episodes:EpisodeId", EpisodeId);
            if (Title is not null) yield return new("Episodes:Title", Title);
            if (YouTubeId is not null) yield return new("Episodes:YouTubeId", YouTubeId);
            for (var i = 0; i < Guests.Length; i++) yield return new($"Episodes:Guests:{i}", Guests[i]);
        }
    }

    internal static bool IsUrl(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var ct = CliHost.CancelOnCtrlC(cancellationToken);
        await using var services = CliHost.Build(settings);
        var options = services.GetRequiredService<IOptions<AskOptions>>().Value;
        var console = CliErrors.Stderr;

        var limits = services.GetRequiredService<IOptions<EpisodeReaderOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var podcast = settings.Podcast is null ? null : PodcastSpec.TryParse(settings.Podcast, out _);
        var sources = new List<string>();
        var feeds = new List<FeedReport>();
        foreach (var path in settings.Paths)
        {
            var isFeed = IsUrl(path) ? !FeedDownload.IsArchiveUrl(path) : File.Exists(path) && FeedSource.LooksLikeFeed(path);
            // A URL without an archive's name that serves an archive anyway (a codeload link) is downloaded as one.
            var feed = isFeed ? await FeedDownload.RunAsync(path, podcast?.Id, options.DownloadsDirectory, limits, time, console, ct) : null;
            if (feed is not null) feeds.Add(feed);
            sources.Add(feed?.Folder ?? (IsUrl(path) ? await DownloadAsync(path, options, limits, time, console, ct) : Path.GetFullPath(path)));
        }

        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var request = new IngestRequest(sources, settings.Rebuild, settings.Prune, podcast, SampleEpisodes.Ids);
        var report = await IngestProgressDisplay.RunAsync(console, p => pipeline.RunAsync(request, p, ct));

        if (settings.Json) Console.Out.WriteLine(JsonSerializer.Serialize(IngestSummary.ToJson(report, feeds), IngestSummary.JsonOptions));
        else IngestSummary.Write(AnsiConsole.Console, report);

        var indexed = report.New.Count + report.Changed.Count + report.Unchanged.Count;
        return indexed == 0 ? ExitCodes.NothingToDo : ExitCodes.Success;
    }

    private static async Task<string> DownloadAsync(string url, AskOptions options, EpisodeReaderOptions limits, TimeProvider time, IAnsiConsole console, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        var archive = new ArchiveSource(http, time, limits);
        string? folder = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"download {Markup.Escape(new Uri(url).Host)}", maxValue: 1);
                task.IsIndeterminate = true;
                var progress = new Progress<DownloadProgress>(p =>
                {
                    if (p.TotalBytes is { } total && total > 0)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = total;
                    }
                    task.Value = p.BytesReceived;
                });
                folder = await archive.DownloadAsync(new Uri(url), options.DownloadsDirectory, progress, ct);
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return folder!;
    }
}
