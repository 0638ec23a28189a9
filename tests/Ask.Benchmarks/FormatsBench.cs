using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ask.Adapters.Transcripts;
using Microsoft.Extensions.Options;

namespace Ask.Benchmarks;

/// <summary>
/// Reading speed of each transcript format against raw captions, the format ingest read before: the same
/// generated transcript (--cues captions of about eight words, two speakers) written in every format, each
/// file read --rounds times through the real reader (detection, parsing, merging), median time printed with
/// MB/s and the ratio to raw captions from the same run.
/// </summary>
internal static class FormatsBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var cues = args.Int("cues", 20_000);
        var rounds = args.Int("rounds", 7);
        var folder = Path.Combine(Path.GetTempPath(), "ask-formats-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var captions = Enumerable.Range(0, cues).Select(i => (Start: i * 3.1, Speaker: i / 5 % 2 == 0 ? "Maya Lind" : "Tom Berg",
                Text: $"so the number {i} was the one we kept checking{(i % 3 == 2 ? "." : "")}")).ToList();
            var files = new (string Name, string Text)[]
            {
                ("raw-captions.txt", string.Concat(captions.Select(c => $"{Clock(c.Start)} {c.Text}\n"))),
                ("webvtt.vtt", "WEBVTT\n\n" + string.Concat(captions.Select((c, i) => $"{Cue(c.Start, '.')} --> {Cue(c.Start + 3, '.')}\n{(i % 5 == 0 ? $"<v {c.Speaker}>" : "")}{c.Text}\n\n"))),
                ("srt.srt", string.Concat(captions.Select((c, i) => $"{i + 1}\n{Cue(c.Start, ',')} --> {Cue(c.Start + 3, ',')}\n{(i % 5 == 0 ? c.Speaker.Split(' ')[0] + ": " : "")}{c.Text}\n\n"))),
                ("podcast.json", JsonSerializer.Serialize(new { version = "1.0.0", segments = captions.Select(c => new { speaker = c.Speaker, startTime = c.Start, endTime = c.Start + 3, body = c.Text }) })),
                ("whisper.json", JsonSerializer.Serialize(new { segments = captions.Select((c, i) => new { id = i, start = c.Start, end = c.Start + 3, text = " " + c.Text }) })),
                ("transcript.html", string.Concat(captions.Select((c, i) => (i % 5 == 0 ? $"<cite>{c.Speaker}:</cite>\n" : "") + $"<time>{Clock(c.Start)}</time>\n<p>{c.Text}</p>\n"))),
            };
            var reader = new EpisodeFileReader(Options.Create(new EpisodeReaderOptions()));
            Console.WriteLine($"{cues:N0} captions per file, median of {rounds} reads each (after one warm-up read)");
            Console.WriteLine($"{"format",-18} {"bytes",12} {"lines",8} {"ms",8} {"MB/s",8} {"vs raw",8}");
            double? baseline = null;
            foreach (var (name, text) in files)
            {
                var path = Path.Combine(folder, name);
                await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
                var lines = 0;
                var times = new List<double>();
                for (var round = 0; round <= rounds; round++)
                {
                    var clock = Stopwatch.StartNew();
                    lines = 0;
                    await foreach (var result in reader.ReadAsync([path], CancellationToken.None)) lines += result.Episode?.Lines.Count ?? 0;
                    if (round > 0) times.Add(clock.Elapsed.TotalMilliseconds);
                }
                var median = Stats.Percentile(times, 50);
                baseline ??= median;
                var bytes = new FileInfo(path).Length;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-18} {bytes,12:N0} {lines,8:N0} {median,8:F1} {bytes / 1e6 / (median / 1000),8:F1} {median / baseline.Value,7:F2}x"));
            }
            Console.WriteLine($"peak memory {Stats.PeakMemoryMb():F0} MB");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Clock(double seconds) => Ask.Core.Episodes.Timestamp.FormatLong(seconds);

    private static string Cue(double seconds, char separator) =>
        TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) + separator + ((int)(seconds % 1 * 1000)).ToString("000", CultureInfo.InvariantCulture);
}
