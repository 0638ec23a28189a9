using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ask.Core;
using Ask.Core.Answering;
using Ask.Core.Evaluation;

namespace Ask.Hosting.Evaluation;

/// <summary>
/// <c>report.json</c>: the run's settings, its <c>metrics</c> (names as in <see cref="MetricDefinition.All"/>,
/// each a fraction, a count or milliseconds; null where nothing could be measured) and one record per
/// question in <c>items</c>. A later run compares itself with this file (<c>--baseline</c>).
/// </summary>
public sealed record EvaluationReport(
    DateTimeOffset GeneratedAt,
    string GoldenFile,
    int K,
    string Mode,
    string FactMethod,
    IReadOnlyDictionary<string, string> Settings,
    EvaluationCounts Counts,
    IReadOnlyDictionary<string, double?> Metrics,
    IReadOnlyDictionary<string, LatencyFigures> LatencyByStage,
    IReadOnlyDictionary<string, TagFigures> ByTag,
    HitsAtK HitsAtK,
    IReadOnlyList<EvaluationItemRecord> Items)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static EvaluationReport From(IReadOnlyList<EvaluationItem> items, EvaluationSummary summary, string goldenFile, int k,
        string mode, string factMethod, IReadOnlyDictionary<string, string> settings, DateTimeOffset now) =>
        new(now, goldenFile, k, mode, factMethod, settings, summary.Counts, summary.Metrics, summary.LatencyByStage, summary.ByTag,
            new HitsAtK(summary.SpanHitsAtK, summary.EpisodeHitsAtK), items.Select(EvaluationItemRecord.From).ToArray());

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        // Written beside and moved into place, so a report a gate reads is never half-written.
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
            await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The <c>metrics</c> object of an earlier report — all a baseline comparison needs.</summary>
    public static IReadOnlyDictionary<string, double?> ReadMetrics(string path)
    {
        if (!File.Exists(path)) throw new AskException($"{path}: baseline report not found");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new AskException($"{path}:{e.LineNumber + 1}: not a JSON report: {e.Message}");
        }
        if (root?["metrics"] is not JsonObject metrics) throw new AskException($"{path}: no 'metrics' object; is this a report.json written by 'ask eval'?");
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (name, node) in metrics)
        {
            values[name] = node switch
            {
                null => null,
                JsonValue v when v.TryGetValue<double>(out var d) => d,
                _ => throw new AskException($"{path}: metrics.{name} is not a number"),
            };
        }
        return values;
    }
}

public sealed record HitsAtK(IReadOnlyList<int> Span, IReadOnlyList<int> Episode);

public sealed record EvaluationItemRecord(
    string Id,
    string Question,
    IReadOnlyList<string> Tags,
    string? Episode,
    double? Start,
    double? End,
    int? EpisodeRank,
    int? SpanRank,
    double Ndcg,
    IReadOnlyList<RetrievedMoment> Retrieved,
    string Status,
    string Mode,
    string? Degraded,
    int RepairRounds,
    string Answer,
    IReadOnlyList<EvaluationCitation> Citations,
    bool? CitationSpanMatch,
    int FabricatedCitations,
    IReadOnlyList<FactVerdict> Facts,
    IReadOnlyDictionary<string, double> TimingsMs,
    string? Failure)
{
    /// <summary>The question as retrieval saw it (a follow-up's rewrite); the question itself otherwise.</summary>
    public string? StandaloneQuestion { get; init; }

    /// <summary>For a conversation turn: whether it was kept or rewritten as the golden turn expects.</summary>
    public bool? StandaloneAsExpected { get; init; }

    /// <summary>The speaker the golden question is about, and whether the first citation quotes them.</summary>
    public string? Speaker { get; init; }

    public bool? SpeakerFirst { get; init; }

    /// <summary>Whether the first citation quotes the episode's host.</summary>
    public bool? FirstByHost { get; init; }

    /// <summary>For a not-in-archive answer, the rule that decided it (<see cref="RefusalReason"/>).</summary>
    public string? Reason { get; init; }

    public static EvaluationItemRecord From(EvaluationItem item) => new(
        item.Question.Id, item.Question.Question, item.Question.Tags, item.Question.EpisodeId, item.Question.StartSec, item.Question.EndSec,
        item.EpisodeRank, item.SpanRank, Math.Round(item.Ndcg, 4), item.Retrieved,
        GoldenSetEvaluator.Wire(item.Answer.Status), item.Answer.Mode.ToString().ToLowerInvariant(), item.Answer.Degraded, item.Answer.RepairRounds,
        item.Answer.Text, item.Answer.Citations.Select(EvaluationCitation.From).ToArray(),
        item.CitationSpanMatch, item.FabricatedCitations, item.Facts, item.TimingsMs, item.Failure)
    {
        StandaloneQuestion = item.StandaloneQuestion == item.Question.Question ? null : item.StandaloneQuestion,
        StandaloneAsExpected = item.StandaloneAsExpected,
        Speaker = item.Question.Speaker,
        SpeakerFirst = item.SpeakerFirst,
        FirstByHost = item.FirstByHost,
        Reason = item.Answer.Reason == RefusalReason.None ? null : AnswerDto.Snake(item.Answer.Reason.ToString()),
    };
}

public sealed record EvaluationCitation(int Marker, string Episode, double StartSec, double EndSec, string? Speaker, string Quote)
{
    public static EvaluationCitation From(Citation c) => new(c.Marker, c.EpisodeId, c.StartSec, c.EndSec, c.Speaker, c.Quote);
}
