using System.ComponentModel;
using System.Text.Json;
using Ask.Hosting;
using Ask.Core.Answering;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ask.Cli.Commands;

public sealed class SearchCommand : AsyncCommand<SearchCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandArgument(0, "<QUESTION>")]
        [Description("What to look for, in your own words or as keywords.")]
        public string Question { get; init; } = "";

        [CommandOption("-k|--limit <N>")]
        [Description("How many passages to return; written --k N, -k N or --limit N. Default 5.")]
        public int K { get; init; } = 5;

        [CommandOption("--episode <ID>")]
        [Description("Only this episode (file name without .md); repeat for several.")]
        public string[] Episodes { get; init; } = [];

        [CommandOption("--guest <ID>")]
        [Description("Only episodes with this guest id; repeat for several.")]
        public string[] Guests { get; init; } = [];

        [CommandOption("--season <N>")]
        [Description("Only episodes of this season.")]
        public int? Season { get; init; }

        [CommandOption("--podcast <ID>")]
        [Description("Only episodes of this podcast (datatalksclub for the first archive); repeat for several.")]
        public string[] Podcasts { get; init; } = [];

        [CommandOption("--mode <MODE>")]
        [Description("hybrid (default), dense or lexical: which rankings to use.")]
        public RetrievalMode? Mode { get; init; }

        [CommandOption("--json")]
        [Description("Print an array of passages as JSON: episode, title, chapter, start_sec, end_sec, speakers, score, text, url, podcast.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (RequestLimits.Check("question", Question) is { } invalid) return ValidationResult.Error(invalid);
            if (K is < 1 or > RequestLimits.MaxSearchPassages) return ValidationResult.Error($"--k must be between 1 and {RequestLimits.MaxSearchPassages} (got {K}).");
            foreach (var podcast in Podcasts)
                if (PodcastSpec.CheckId(podcast) is { } error) return ValidationResult.Error($"--podcast '{podcast}' {error}.");
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = CliHost.Build(settings);
        var index = services.GetRequiredService<IChunkIndex>();
        if (await index.CountAsync(cancellationToken) == 0)
        {
            CliErrors.Stderr.MarkupLine("[yellow]The index is empty.[/] Ingest episodes first: ask ingest PATH");
            if (settings.Json) Console.Out.WriteLine("[]");
            return ExitCodes.NothingToDo;
        }
        var filter = new SearchFilter { Episodes = settings.Episodes, Guests = settings.Guests, Season = settings.Season, Podcasts = settings.Podcasts };
        var result = await services.GetRequiredService<Retriever>().SearchAsync(settings.Question, settings.K, filter, cancellationToken, settings.Mode);

        if (settings.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(result.Passages.Select(PassageDto.From), PassageDto.JsonOptions));
            return ExitCodes.Success;
        }
        if (result.Passages.Count == 0) AnsiConsole.MarkupLine("[yellow]No passage matches.[/]");
        var rank = 0;
        foreach (var p in result.Passages)
        {
            rank++;
            // Everything from the index is escaped: a transcript or file name must not drive the terminal.
            AnsiConsole.MarkupLineInterpolated($"[bold]{rank}. {TerminalText.Safe(p.EpisodeTitle)}[/]{(p.Chapter is null ? "" : " — " + TerminalText.Safe(p.Chapter))}");
            AnsiConsole.MarkupLineInterpolated($"   [cyan]{p.TimeRange}[/]  {TerminalText.Safe(string.Join(", ", p.Speakers))}  [grey]score {p.Score:F4}  {TerminalText.Safe(p.EpisodeId)}[/]");
            AnsiConsole.MarkupLineInterpolated($"   {TerminalText.Safe(Excerpt(p.Text, 320))}");
            if (p.Url is not null) AnsiConsole.MarkupLineInterpolated($"   [link]{TerminalText.Safe(p.Url)}[/]");
            AnsiConsole.WriteLine();
        }
        return ExitCodes.Success;
    }

    private static string Excerpt(string text, int max)
    {
        var flat = text.Replace('\n', ' ');
        return flat.Length <= max ? flat : flat[..max].TrimEnd() + "…";
    }
}
