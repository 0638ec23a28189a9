using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ask.Adapters.Slack;
using Ask.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ask.Benchmarks;

/// <summary>
/// Slack's 3-second acknowledgement under a burst: N signed <c>app_mention</c> events fired at once at
/// <c>POST /slack/events</c>, with the time each took to be acknowledged. Without <c>--url</c> it starts the
/// service in-process (the same wiring as Ask.Web: sample episodes, extractive answers) with a local sink
/// standing in for Slack's Web API, and also reports when the last answer was posted.
/// With <c>--faults</c> the sink answers part of the posts with 429 (<c>Retry-After: 1</c>) or 500 and the
/// feedback database cannot be opened; the run then follows every question to its outcome — answered,
/// told to retry, or lost — and checks that no retry after a 429 came sooner than it asked.
/// </summary>
internal static class SlackBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var n = args.Int("n", 50);
        var rounds = args.Int("rounds", 3);
        var secret = args.Optional("secret") ?? Environment.GetEnvironmentVariable("SLACK_SIGNING_SECRET") ?? "bench-signing-secret";
        var faults = args.Optional("faults") == "true";
        if (faults && args.Optional("url") is not null) throw new ArgumentException("--faults needs the in-process service (no --url)");
        await using var local = args.Optional("url") is null ? await LocalService.StartAsync(secret, args.Optional("data"), faults) : null;
        var url = new Uri(args.Optional("url") ?? local!.Url);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = n }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

        var warm = await SendAsync(http, secret, new JsonObject { ["type"] = "url_verification", ["challenge"] = "warm-up" });
        if (warm.Status != HttpStatusCode.OK) throw new InvalidOperationException($"url_verification answered {(int)warm.Status}: is --secret the service's signing secret?");

        for (var round = 1; round <= rounds; round++)
        {
            var posted = local?.Posts ?? 0;
            local?.MarkBurst();
            var clock = Stopwatch.StartNew();
            var burst = Enumerable.Range(0, n).Select(i => SendAsync(http, secret, Mention(round, i))).ToArray();
            var results = await Task.WhenAll(burst);
            var acks = results.Select(r => r.Ms).ToArray();
            var line = $"round {round}: {n} events at once → {results.Count(r => r.Status == HttpStatusCode.OK)} × 200; ack p50 {Stats.Percentile(acks, 50):F1} ms, " +
                       $"p95 {Stats.Percentile(acks, 95):F1} ms, max {acks.Max():F1} ms; over 3 s: {acks.Count(a => a > 3000)}";
            if (faults)
            {
                Console.WriteLine(line);
                if (!await ReportOutcomesAsync(local!, round, n, clock)) return 1;
                continue;
            }
            if (local is not null)
            {
                await local.WaitForPostsAsync(posted + n, TimeSpan.FromMinutes(3));
                line += $"; all {n} answers posted after {clock.Elapsed.TotalSeconds:F1} s";
            }
            Console.WriteLine(line);
        }
        return 0;
    }

    /// <summary>
    /// Waits (at most 3 minutes) until every question of the round has a message delivered in its channel, then
    /// prints what each became and how the sink's 429s were honoured. False when a question was lost or a retry
    /// came before its <c>Retry-After</c>.
    /// </summary>
    private static async Task<bool> ReportOutcomesAsync(LocalService local, int round, int n, Stopwatch clock)
    {
        var channels = Enumerable.Range(0, n).Select(i => ChannelOf(round, i)).ToArray();
        var waited = Stopwatch.StartNew();
        while (channels.Any(c => local.Delivered(c) is null) && waited.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(50);
        var delivered = channels.Select(local.Delivered).ToArray();
        var answered = delivered.Where(d => d is { Kind: DeliveryKind.Answer }).Select(d => d!.AtMs).ToArray();
        var toldToRetry = delivered.Count(d => d is { Kind: DeliveryKind.Retry });
        var errors = delivered.Count(d => d is { Kind: DeliveryKind.Error });
        var lost = delivered.Count(d => d is null);
        var (tooMany, failed, retriesAfter429, early, shortestWait) = local.SlackCalls(channels);
        Console.WriteLine($"round {round}: {n} questions → {answered.Length} answered, {toldToRetry} told to retry, {errors} told of an error, {lost} lost; " +
                          $"answers posted p50 {Stats.Percentile(answered, 50) / 1000:F1} s, p95 {Stats.Percentile(answered, 95) / 1000:F1} s after the burst; " +
                          $"last after {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"round {round}: Slack API answered {tooMany} posts with 429 and {failed} with 500; {retriesAfter429} retries after a 429, " +
                          $"{early} more than {LocalService.EarlyTolerance * 1000:F0} ms sooner than Retry-After (shortest wait {shortestWait:F3} s); feedback database failing: {local.FeedbackFailing}");
        return lost == 0 && errors == 0 && early == 0;
    }

    private static string ChannelOf(int round, int i) => $"CB{round}x{i}";

    private static JsonObject Mention(int round, int i)
    {
        var questions = new[] { "What did Ravi say about vendor lock-in?", "How did they monitor the fraud model before labels arrived?", "What went wrong with the feature store in production?" };
        var ts = string.Create(CultureInfo.InvariantCulture, $"{1_700_000_000 + round}.{i:000000}");
        return new JsonObject
        {
            ["type"] = "event_callback",
            ["event_id"] = $"EvBench{round}x{i}-{Guid.NewGuid():N}",
            ["authorizations"] = new JsonArray(new JsonObject { ["user_id"] = "UBENCHBOT" }),
            // One person and one channel per event: the burst measures the queue, not the rate limits.
            ["event"] = new JsonObject
            {
                ["type"] = "app_mention", ["user"] = $"UB{round}x{i}", ["channel"] = ChannelOf(round, i), ["ts"] = ts,
                ["text"] = "<@UBENCHBOT> " + questions[i % questions.Length],
            },
        };
    }

    private static async Task<(HttpStatusCode Status, double Ms)> SendAsync(HttpClient http, string secret, JsonObject payload)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)));
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>The service wired as Ask.Web wires it, plus a sink answering Slack Web API calls with <c>ok</c>.</summary>
    private sealed class LocalService : IAsyncDisposable
    {
        private readonly WebApplication _sink;
        private readonly WebApplication _service;
        private readonly string? _tempData;
        private readonly System.Collections.Concurrent.ConcurrentQueue<SinkCall> _calls = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _posts;

        private LocalService(WebApplication sink, WebApplication service, string? tempData)
        {
            _sink = sink;
            _service = service;
            _tempData = tempData;
        }

        public string Url => _service.Urls.First();

        public int Posts => Volatile.Read(ref _posts);

        public bool FeedbackFailing { get; private set; }

        /// <summary>
        /// Seconds a retry may come before <c>Retry-After</c> and still count as honouring it. .NET's timers on Linux
        /// count on the coarse monotonic clock (4 ms ticks here), so a one-second delay can end a tick or so early by
        /// this Stopwatch: 6 ms was seen in CI. A client that ignored Retry-After would come hundreds of ms early.
        /// </summary>
        public const double EarlyTolerance = 0.015;

        /// <summary>
        /// The sink's reply to a post: by channel, a quarter get a 429 first, a quarter a 500 then a 429, a
        /// quarter a 500, the rest succeed at once. Slack-wide failures would look the same to the bot.
        /// </summary>
        private static int FaultFor(string channel, int attempt)
        {
            var kind = (channel.GetHashCode(StringComparison.Ordinal) & 0x7fffffff) % 4;
            return (kind, attempt) switch
            {
                (0, 1) or (1, 2) => 429,
                (1, 1) or (2, 1) => 500,
                _ => 200,
            };
        }

        public static async Task<LocalService> StartAsync(string secret, string? data, bool faults = false)
        {
            var sinkBuilder = WebApplication.CreateSlimBuilder();
            sinkBuilder.WebHost.UseUrls("http://127.0.0.1:0");
            sinkBuilder.Logging.ClearProviders();
            var sink = sinkBuilder.Build();
            LocalService? self = null;
            sink.MapPost("/api/{method}", async (string method, HttpRequest request, HttpResponse response) =>
            {
                var arrived = self!._clock.Elapsed.TotalMilliseconds;
                if (method != "chat.postMessage") return Results.Json(new { ok = true, ts = "1.000001" });
                var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject;
                var channel = body?["channel"]?.GetValue<string>() ?? "";
                var text = body?["text"]?.GetValue<string>() ?? "";
                var attempt = self._calls.Count(c => c.Channel == channel) + 1;
                var status = faults ? FaultFor(channel, attempt) : 200;
                self._calls.Enqueue(new SinkCall(channel, text, status, arrived));
                if (status == 429)
                {
                    response.Headers.RetryAfter = "1";
                    return Results.Json(new { ok = false, error = "ratelimited" }, statusCode: 429);
                }
                if (status == 500) return Results.Text("internal error", statusCode: 500);
                Interlocked.Increment(ref self._posts);
                return Results.Json(new { ok = true, ts = "1.000001" });
            });
            await sink.StartAsync();

            var tempData = data is null ? Path.Combine(Path.GetTempPath(), "ask-slack-bench-" + Guid.NewGuid().ToString("N")) : null;
            string? feedback = null;
            if (faults)
            {
                // A file stands where the feedback database's folder should be: every save fails.
                var root = data ?? tempData!;
                Directory.CreateDirectory(root);
                var blocker = Path.Combine(root, "feedback-blocked");
                File.WriteAllText(blocker, "not a folder");
                feedback = Path.Combine(blocker, "slack-feedback.db");
            }
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            // The faults are the point of the run: each 429/500 retry and each failed feedback save would
            // otherwise print a log entry; the figures count them instead.
            if (faults)
                builder.Logging.AddFilter("Polly", LogLevel.Error).AddFilter("Ask.Adapters.Slack.WebApi", LogLevel.Error).AddFilter("Ask.Adapters.Slack.Feedback", LogLevel.None);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ask:DataDirectory"] = data ?? tempData,
                ["Slack:SigningSecret"] = secret,
                ["Slack:BotToken"] = "xoxb-bench",
                ["Slack:ApiBaseUrl"] = sink.Urls.First() + "/api/",
                ["Slack:FeedbackDatabase"] = feedback,
            });
            builder.Services.AddAsk(builder.Configuration);
            builder.Services.AddHostedService<StartupIngest>();
            builder.Services.AddAskSlack(builder.Configuration);
            var service = builder.Build();
            service.MapSlackEndpoints();
            await service.StartAsync();
            self = new LocalService(sink, service, tempData) { FeedbackFailing = faults };

            var status = service.Services.GetRequiredService<IndexStatus>();
            var waited = Stopwatch.StartNew();
            while (status.Current.State is not IndexState.Ready)
            {
                if (status.Current.State == IndexState.Failed || waited.Elapsed > TimeSpan.FromMinutes(3))
                    throw new InvalidOperationException("index not ready: " + (status.Current.Error ?? status.Current.State.ToString()));
                await Task.Delay(100);
            }
            Console.WriteLine($"service started in-process at {self.Url}, index ready after {waited.Elapsed.TotalSeconds:F1} s (Slack Web API: local sink)");
            return self;
        }

        /// <summary>The message that reached <paramref name="channel"/> (a post the sink accepted), or null.</summary>
        public Delivery? Delivered(string channel)
        {
            var ok = _calls.FirstOrDefault(c => c.Channel == channel && c.Status == 200);
            if (ok is null) return null;
            var kind = ok.Text.Contains("ask again in a minute", StringComparison.Ordinal) || ok.Text.Contains("too many", StringComparison.OrdinalIgnoreCase)
                ? DeliveryKind.Retry
                : ok.Text.StartsWith(":warning:", StringComparison.Ordinal) ? DeliveryKind.Error : DeliveryKind.Answer;
            return new Delivery(kind, ok.AtMs - _burstAt);
        }

        private double _burstAt;

        /// <summary>Marks the moment a burst is sent; delivery times count from it.</summary>
        public void MarkBurst() => _burstAt = _clock.Elapsed.TotalMilliseconds;

        /// <summary>429s and 500s the sink answered in <paramref name="channels"/>, retries after a 429, how many came early, and the shortest wait.</summary>
        public (int TooMany, int Failed, int RetriesAfter429, int Early, double ShortestWaitSeconds) SlackCalls(IReadOnlyCollection<string> channels)
        {
            var calls = _calls.Where(c => channels.Contains(c.Channel)).ToArray();
            var waits = calls.GroupBy(c => c.Channel)
                .SelectMany(g => g.OrderBy(c => c.AtMs).Zip(g.OrderBy(c => c.AtMs).Skip(1)))
                .Where(p => p.First.Status == 429)
                .Select(p => (p.Second.AtMs - p.First.AtMs) / 1000)
                .ToArray();
            // Timers may fire a millisecond or two before the clock here says; earlier than that is not honouring Retry-After.
            return (calls.Count(c => c.Status == 429), calls.Count(c => c.Status == 500), waits.Length, waits.Count(w => w < 1.0 - EarlyTolerance), waits.Length == 0 ? double.NaN : waits.Min());
        }

        public async Task WaitForPostsAsync(int count, TimeSpan timeout)
        {
            var waited = Stopwatch.StartNew();
            while (Posts < count)
            {
                if (waited.Elapsed > timeout) throw new TimeoutException($"only {Posts} of {count} answers were posted");
                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _service.DisposeAsync();
            await _sink.DisposeAsync();
            if (_tempData is not null && Directory.Exists(_tempData)) Directory.Delete(_tempData, recursive: true);
        }
    }

    private sealed record SinkCall(string Channel, string Text, int Status, double AtMs);

    private enum DeliveryKind { Answer, Retry, Error }

    /// <param name="AtMs">When it was posted, in ms after the burst was sent.</param>
    private sealed record Delivery(DeliveryKind Kind, double AtMs);
}
