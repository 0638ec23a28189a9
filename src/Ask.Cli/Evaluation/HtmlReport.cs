using System.Globalization;
using System.Net;
using System.Text;
using Ask.Core.Episodes;
using Ask.Core.Evaluation;
using Ask.Hosting.Evaluation;

namespace Ask.Cli.Evaluation;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline SVG, no scripts, nothing fetched) a person opens
/// to see what got better or worse — the metrics against the baseline, the hit@k curve, where the first
/// hit ranked, the figures per tag, and every failed question with what was retrieved instead.
/// </summary>
internal static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(EvaluationReport report, IReadOnlyList<MetricChange>? changes)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Ask evaluation</title>
            <style>
            body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d232b}
            table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{padding:.25rem .7rem;border-bottom:1px solid #e3e6ea;text-align:left}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.worse{color:#b3261e;font-weight:600}.better{color:#1e7b34}
            .charts{display:flex;flex-wrap:wrap;gap:2rem}figure{margin:0}figcaption{font-weight:600;margin-bottom:.3rem}
            details{border:1px solid #e3e6ea;border-radius:6px;padding:.4rem .8rem;margin:.4rem 0}summary{cursor:pointer}
            .muted{color:#5f6b7a}.bar{display:inline-block;height:.7rem;background:#3b6fd4;vertical-align:middle;margin-right:.4rem}
            </style></head><body>
            """);
        html.Append($"<h1>Ask evaluation</h1><p class=\"muted\">{E(report.GoldenFile)} · {report.Counts.Questions} questions ({report.Counts.Answerable} answerable, {report.Counts.Unanswerable} unanswerable) · ");
        html.Append($"mode {E(report.Mode)} · facts judged by {E(report.FactMethod)} · k={report.K} · {report.GeneratedAt.ToString("u", Inv)}</p>");
        html.Append("<p class=\"muted\">").Append(string.Join(" · ", report.Settings.Select(s => $"{E(s.Key)} {E(s.Value)}"))).Append("</p>");

        Metrics(html, report, changes);
        html.Append("<div class=\"charts\">");
        HitCurve(html, report);
        RankHistogram(html, report);
        html.Append("</div>");
        Tags(html, report);
        Latency(html, report);
        Failures(html, report);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Metrics(StringBuilder html, EvaluationReport report, IReadOnlyList<MetricChange>? changes)
    {
        html.Append("<h2>Metrics</h2><table><tr><th>metric</th><th class=\"n\">value</th>");
        if (changes is not null) html.Append("<th class=\"n\">baseline</th><th class=\"n\">change</th><th>gate</th>");
        html.Append("<th>what it measures</th></tr>");
        foreach (var metric in MetricDefinition.All)
        {
            var value = report.Metrics.GetValueOrDefault(metric.Name);
            html.Append($"<tr><td>{E(metric.Name)}</td><td class=\"n\">{Format(metric, value)}</td>");
            if (changes?.FirstOrDefault(c => c.Name == metric.Name) is { } change)
            {
                var css = change.Regressed ? "worse" : change.Delta is { } d && d != 0 && (d > 0) == metric.HigherIsBetter ? "better" : "";
                html.Append($"<td class=\"n\">{Format(metric, change.Baseline)}</td><td class=\"n {css}\">{Signed(change.Delta)}</td>");
                html.Append($"<td class=\"{css}\">{(change.Tolerance is null ? "not gated" : change.Regressed ? "REGRESSED" : "ok")}</td>");
            }
            html.Append($"<td class=\"muted\">{E(metric.Description)}</td></tr>");
        }
        html.Append("</table>");
    }

    private static void HitCurve(StringBuilder html, EvaluationReport report)
    {
        const int w = 420, h = 240, left = 40, bottom = 30, top = 10, right = 10;
        var n = Math.Max(1, report.Counts.Answerable);
        var k = report.HitsAtK.Span.Count;
        double X(int at) => left + (k <= 1 ? 0 : (at - 1) * (w - left - right) / (double)(k - 1));
        double Y(double share) => top + (1 - share) * (h - top - bottom);
        html.Append($"<figure><figcaption>hit@k (share of {report.Counts.Answerable} answerable questions)</figcaption>");
        html.Append($"<svg width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"hit at k curve\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">");
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = Y(tick / 4.0);
            html.Append(Inv, $"<line x1=\"{left}\" x2=\"{w - right}\" y1=\"{y:F1}\" y2=\"{y:F1}\" stroke=\"#e3e6ea\"/><text x=\"4\" y=\"{y + 4:F1}\">{tick * 25}%</text>");
        }
        for (var at = 1; at <= k; at++) html.Append(Inv, $"<text x=\"{X(at) - 3:F1}\" y=\"{h - 10}\">{at}</text>");
        foreach (var (series, colour) in new[] { (report.HitsAtK.Episode, "#9aa5b1"), (report.HitsAtK.Span, "#3b6fd4") })
        {
            var points = string.Join(' ', series.Select((hits, i) => string.Create(Inv, $"{X(i + 1):F1},{Y(hits / (double)n):F1}")));
            html.Append($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{points}\"/>");
        }
        html.Append($"<text x=\"{w - 150}\" y=\"{h - bottom - 30}\" fill=\"#3b6fd4\">span hit</text><text x=\"{w - 150}\" y=\"{h - bottom - 16}\" fill=\"#9aa5b1\">episode hit</text>");
        html.Append("</svg></figure>");
    }

    private static void RankHistogram(StringBuilder html, EvaluationReport report)
    {
        const int w = 420, h = 240, bottom = 30, top = 16;
        var answerable = report.Items.Where(i => i.Episode is not null).ToArray();
        var buckets = Enumerable.Range(1, report.K).Select(r => (Label: r.ToString(Inv), Count: answerable.Count(i => i.SpanRank == r)))
            .Append((Label: "miss", Count: answerable.Count(i => i.SpanRank is null))).ToArray();
        var max = Math.Max(1, buckets.Max(b => b.Count));
        var slot = (w - 20) / (double)buckets.Length;
        html.Append("<figure><figcaption>rank of the first span hit</figcaption>");
        html.Append($"<svg width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"rank histogram\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">");
        for (var i = 0; i < buckets.Length; i++)
        {
            var barHeight = buckets[i].Count / (double)max * (h - top - bottom);
            var x = 10 + i * slot;
            var colour = buckets[i].Label == "miss" ? "#b3261e" : "#3b6fd4";
            html.Append(Inv, $"<rect x=\"{x + 3:F1}\" y=\"{h - bottom - barHeight:F1}\" width=\"{slot - 6:F1}\" height=\"{barHeight:F1}\" fill=\"{colour}\"/>");
            html.Append(Inv, $"<text x=\"{x + slot / 2 - 6:F1}\" y=\"{h - bottom - barHeight - 3:F1}\">{buckets[i].Count}</text><text x=\"{x + slot / 2 - 8:F1}\" y=\"{h - 10}\">{buckets[i].Label}</text>");
        }
        html.Append("</svg></figure>");
    }

    private static void Tags(StringBuilder html, EvaluationReport report)
    {
        html.Append("<h2>By tag</h2><table><tr><th>tag</th><th class=\"n\">questions</th><th>span-hit@5</th><th class=\"n\">citation on span</th><th class=\"n\">fact recall</th><th class=\"n\">not answered</th></tr>");
        foreach (var (tag, f) in report.ByTag)
        {
            var bar = f.SpanHitAt5 is { } s ? $"<span class=\"bar\" style=\"width:{s * 8:F1}rem\"></span>{Percent(s)}" : "n/a";
            html.Append($"<tr><td>{E(tag)}</td><td class=\"n\">{f.Questions}</td><td>{bar}</td><td class=\"n\">{Percent(f.CitationSpanMatch)}</td><td class=\"n\">{Percent(f.FactRecall)}</td><td class=\"n\">{Percent(f.Refused)}</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Latency(StringBuilder html, EvaluationReport report)
    {
        html.Append("<h2>Latency per stage</h2><table><tr><th>stage</th><th class=\"n\">n</th><th class=\"n\">p50 ms</th><th class=\"n\">p95 ms</th></tr>");
        foreach (var (stage, l) in report.LatencyByStage.OrderBy(s => s.Key == "total_ms" ? 1 : 0).ThenBy(s => s.Key, StringComparer.Ordinal))
            html.Append(Inv, $"<tr><td>{E(stage)}</td><td class=\"n\">{l.Count}</td><td class=\"n\">{l.P50Ms:F1}</td><td class=\"n\">{l.P95Ms:F1}</td></tr>");
        html.Append("</table>");
    }

    private static void Failures(StringBuilder html, EvaluationReport report)
    {
        var failed = report.Items.Where(i => i.Failure is not null).ToArray();
        html.Append($"<h2>Failed questions ({failed.Length})</h2>");
        if (failed.Length == 0) html.Append("<p>None.</p>");
        foreach (var item in failed)
        {
            var expected = item.Episode is null ? "the archive cannot answer this" : $"{item.Episode} {Span(item.Start, item.End)}";
            html.Append($"<details><summary><b>{E(item.Id)}</b> {E(item.Question)} — <span class=\"worse\">{E(item.Failure!)}</span></summary>");
            html.Append($"<p>expected: {E(expected)} · answered: {E(item.Status)}{(item.Degraded is null ? "" : " (degraded: " + E(item.Degraded) + ")")}</p>");
            html.Append("<p>retrieved instead:</p><ol>");
            foreach (var r in item.Retrieved.Take(5))
                html.Append(Inv, $"<li class=\"{(r.SpanHit ? "better" : "")}\">{E(r.EpisodeTitle)} <span class=\"muted\">{E(r.EpisodeId)} {Span(r.StartSec, r.EndSec)} score {r.Score:F3}</span></li>");
            html.Append("</ol>");
            if (item.Answer.Length > 0) html.Append($"<p>answer:</p><blockquote>{E(item.Answer).Replace("\n", "<br>", StringComparison.Ordinal)}</blockquote>");
            var missed = item.Facts.Where(f => f.Supported != true).ToArray();
            if (missed.Length > 0) html.Append("<p>facts not found: ").Append(string.Join("; ", missed.Select(f => E(f.Fact)))).Append("</p>");
            html.Append("</details>");
        }
    }

    private static string Span(double? start, double? end) =>
        start is { } s ? $"{Timestamp.Format(s)}–{Timestamp.Format(end ?? s)}" : "";

    internal static string Format(MetricDefinition metric, double? value) => value is not { } v ? "n/a" : metric.Kind switch
    {
        MetricKind.Fraction => v.ToString("F3", Inv),
        MetricKind.Count => v.ToString("F0", Inv),
        _ => v.ToString("F1", Inv),
    };

    private static string Signed(double? delta) => delta is { } d ? d.ToString("+0.###;-0.###;0", Inv) : "";

    private static string Percent(double? share) => share is { } s ? s.ToString("P0", Inv) : "n/a";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
