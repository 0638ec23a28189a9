using System.ComponentModel;
using System.Globalization;
using Ask.Cli.Evaluation;
using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Evaluation;
using Ask.Core.Retrieval;
using Ask.Hosting;
using Ask.Hosting.Evaluation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ask.Cli.Commands;

/// <summary>
/// <c>ask eval</c>: every golden question through the chat pipeline, scored; a summary table, report.json
/// and report.html; with <c>--baseline</c>, each metric's change and a non-zero exit when one got worse
/// beyond its tolerance.
/// </summary>
public sealed class EvalCommand : AsyncCommand<EvalCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandOption("--golden <FILE>")]
        [Description("The golden-question YAML file (id, question, episode, start, end, facts, tags).")]
        public string Golden { get; init; } = "";

        [CommandOption("-k|--top <N>")]
        [Description("Passages retrieved per question for the retrieval metrics; written --k N or -k N. Default 10.")]
        public int K { get; init; } = 10;

        [CommandOption("--out <DIR>")]
        [Description("Folder for report.json and report.html. Default: ./eval-report.")]
        public string Out { get; init; } = "eval-report";

        [CommandOption("--baseline <REPORT>")]
        [Description("An earlier report.json: print each metric's change and exit 4 when one got worse beyond its tolerance (Evaluation:Tolerance).")]
        public string? Baseline { get; init; }

        [CommandOption("--save-baseline <FILE>")]
        [Description("Also write this run's settings, counts and metrics (no items) to FILE, to commit as the next --baseline.")]
        public string? SaveBaseline { get; init; }

        [CommandOption("--mode <MODE>")]
        [Description("Retrieval to evaluate: hybrid (default), dense or lexical.")]
        public RetrievalMode? Mode { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Golden)) return ValidationResult.Error("--golden FILE is required.");
            if (K is < 1 or > 50) return ValidationResult.Error($"--k must be between 1 and 50 (got {K}).");
            return base.Validate();
        }

        public override IEnumerable<KeyValuePair<string, string?>> ToConfiguration()
        {
            foreach (var setting in base.ToConfiguration()) yield return setting;
            if (Mode is not null) yield return new($"{RetrievalOptions.Section}:Mode", Mode.ToString());
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        cancellationToken = CliHost.CancelOnCtrlC(cancellationToken);
        var questions = GoldenQuestionFile.Load(settings.Golden);
        var baseline = settings.Baseline is null ? null : EvaluationReport.ReadMetrics(settings.Baseline);

        await using var services = CliHost.Build(settings, configure: (s, c) => s.AddAskEvaluation(c));
        if (await services.GetRequiredService<IChunkIndex>().CountAsync(cancellationToken) == 0)
        {
            CliErrors.Stderr.MarkupLine("[yellow]The index is empty.[/] Ingest episodes first: ask ingest PATH");
            return ExitCodes.NothingToDo;
        }
        var evaluator = services.GetRequiredService<GoldenSetEvaluator>();
        var answers = services.GetRequiredService<AnswerService>();
        var options = services.GetRequiredService<IOptions<EvaluationOptions>>().Value;

        var items = await EvalProgressDisplay.RunAsync(CliErrors.Stderr, questions.Count,
            progress => evaluator.RunAsync(questions, settings.K, progress, cancellationToken));
        var summary = EvaluationSummary.From(items, settings.K);
        var report = EvaluationReport.From(items, summary, ReportPath.Relative(settings.Golden, Environment.CurrentDirectory), settings.K,
            answers.Mode.ToString().ToLowerInvariant(), evaluator.FactMethod, Describe(services), services.GetRequiredService<TimeProvider>().GetUtcNow());
        var changes = baseline is null ? null : BaselineComparison.Compare(summary.Metrics, baseline, options);

        Directory.CreateDirectory(settings.Out);
        var jsonPath = Path.Combine(settings.Out, "report.json");
        var htmlPath = Path.Combine(settings.Out, "report.html");
        await report.WriteAsync(jsonPath, cancellationToken);
        await File.WriteAllTextAsync(htmlPath, HtmlReport.Render(report, changes), cancellationToken);
        if (settings.SaveBaseline is not null) await (report with { Items = [] }).WriteAsync(settings.SaveBaseline, cancellationToken);

        PrintSummary(report, changes);
        AnsiConsole.MarkupLineInterpolated($"reports: [link]{Path.GetFullPath(jsonPath)}[/], [link]{Path.GetFullPath(htmlPath)}[/]");

        var failures = new List<string>();
        if (BaselineComparison.AbsoluteFailure(summary, options) is { } absolute) failures.Add(absolute);
        if (summary.Metrics.GetValueOrDefault("fabricated_citations") > 0) failures.Add($"{summary.Metrics["fabricated_citations"]} fabricated citation(s) were returned");
        failures.AddRange(changes?.Where(c => c.Regressed).Select(Regression) ?? []);
        foreach (var failure in failures) CliErrors.Stderr.MarkupLineInterpolated($"[red]gate:[/] {failure}");
        return failures.Count > 0 ? ExitCodes.Regressed : ExitCodes.Success;
    }

    /// <summary>Says which way a gated metric moved: "fell" for a rate that dropped, "rose" for one that grew (an error rate).</summary>
    internal static string Regression(MetricChange change)
    {
        var now = change.Current?.ToString(CultureInfo.InvariantCulture) ?? "n/a";
        var moved = change.Delta switch { > 0 => "rose", < 0 => "fell", _ => "changed" };
        return change.Current is null
            ? $"{change.Name} was {change.Baseline} in the baseline and could not be computed in this run"
            : $"{change.Name} {moved} from {change.Baseline} to {now} (tolerance {change.Tolerance})";
    }

    private static Dictionary<string, string> Describe(IServiceProvider services)
    {
        var retrieval = services.GetRequiredService<IOptions<RetrievalOptions>>().Value;
        var answering = services.GetRequiredService<IOptions<AnswerOptions>>().Value;
        var ask = services.GetRequiredService<IOptions<AskOptions>>().Value;
        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<EmbeddingGeneratorMetadata>();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["store"] = ask.Store.ToString().ToLowerInvariant(),
            ["embedding_model"] = embedder?.DefaultModelId ?? "unknown",
            ["chunk_words"] = services.GetRequiredService<IOptions<ChunkingOptions>>().Value.TargetWords.ToString(CultureInfo.InvariantCulture),
            ["retrieval"] = retrieval.Mode.ToString().ToLowerInvariant(),
            ["fusion"] = retrieval.Fusion.ToString().ToLowerInvariant(),
            ["sources"] = answering.Sources.ToString(CultureInfo.InvariantCulture),
            ["not_in_archive_threshold"] = answering.NotInArchiveThreshold.ToString(CultureInfo.InvariantCulture),
            ["support_threshold"] = answering.SupportThreshold.ToString(CultureInfo.InvariantCulture),
            ["unknown_word_match"] = answering.UnknownWordMatch.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static void PrintSummary(EvaluationReport report, IReadOnlyList<MetricChange>? changes)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"{report.Counts.Questions} golden questions, {report.Mode}, facts by {report.FactMethod}");
        table.AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        if (changes is not null) table.AddColumn(new TableColumn("baseline").RightAligned()).AddColumn(new TableColumn("change").RightAligned());
        foreach (var metric in MetricDefinition.All)
        {
            var row = new List<string> { metric.Name, HtmlReport.Format(metric, report.Metrics.GetValueOrDefault(metric.Name)) };
            if (changes?.FirstOrDefault(c => c.Name == metric.Name) is { } change)
            {
                var delta = change.Delta?.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture) ?? "";
                row.Add(HtmlReport.Format(metric, change.Baseline));
                row.Add(change.Regressed ? $"[red]{delta} regressed[/]" : delta);
            }
            table.AddRow(row.Select(c => c.StartsWith("[red]", StringComparison.Ordinal) ? c : Markup.Escape(c)).ToArray());
        }
        AnsiConsole.Write(table);
    }
}
