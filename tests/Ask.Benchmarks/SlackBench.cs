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
/// </summary>
internal static class SlackBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var n = args.Int("n", 50);
        var rounds = args.Int("rounds", 3);
        var secret = args.Optional("secret") ?? Environment.GetEnvironmentVariable("SLACK_SIGNING_SECRET") ?? "bench-signing-secret";
        await using var local = args.Optional("url") is null ? await LocalService.StartAsync(secret, args.Optional("data")) : null;
        var url = new Uri(args.Optional("url") ?? local!.Url);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = n }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

        var warm = await SendAsync(http, secret, new JsonObject { ["type"] = "url_verification", ["challenge"] = "warm-up" });
        if (warm.Status != HttpStatusCode.OK) throw new InvalidOperationException($"url_verification answered {(int)warm.Status}: is --secret the service's signing secret?");

        for (var round = 1; round <= rounds; round++)
        {
            var posted = local?.Posts ?? 0;
            var clock = Stopwatch.StartNew();
            var burst = Enumerable.Range(0, n).Select(i => SendAsync(http, secret, Mention(round, i))).ToArray();
            var results = await Task.WhenAll(burst);
            var acks = results.Select(r => r.Ms).ToArray();
            var line = $"round {round}: {n} events at once → {results.Count(r => r.Status == HttpStatusCode.OK)} × 200; ack p50 {Stats.Percentile(acks, 50):F1} ms, " +
                       $"p95 {Stats.Percentile(acks, 95):F1} ms, max {acks.Max():F1} ms; over 3 s: {acks.Count(a => a > 3000)}";
            if (local is not null)
            {
                await local.WaitForPostsAsync(posted + n, TimeSpan.FromMinutes(3));
                line += $"; all {n} answers posted after {clock.Elapsed.TotalSeconds:F1} s";
            }
            Console.WriteLine(line);
        }
        return 0;
    }

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
                ["type"] = "app_mention", ["user"] = $"UB{round}x{i}", ["channel"] = $"CB{round}x{i}", ["ts"] = ts,
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
        private int _posts;

        private LocalService(WebApplication sink, WebApplication service, string? tempData)
        {
            _sink = sink;
            _service = service;
            _tempData = tempData;
        }

        public string Url => _service.Urls.First();

        public int Posts => Volatile.Read(ref _posts);

        public static async Task<LocalService> StartAsync(string secret, string? data)
        {
            var sinkBuilder = WebApplication.CreateSlimBuilder();
            sinkBuilder.WebHost.UseUrls("http://127.0.0.1:0");
            sinkBuilder.Logging.ClearProviders();
            var sink = sinkBuilder.Build();
            LocalService? self = null;
            sink.MapPost("/api/{method}", (string method) =>
            {
                if (method == "chat.postMessage") Interlocked.Increment(ref self!._posts);
                return Results.Json(new { ok = true, ts = "1.000001" });
            });
            await sink.StartAsync();

            var tempData = data is null ? Path.Combine(Path.GetTempPath(), "ask-slack-bench-" + Guid.NewGuid().ToString("N")) : null;
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ask:DataDirectory"] = data ?? tempData,
                ["Slack:SigningSecret"] = secret,
                ["Slack:BotToken"] = "xoxb-bench",
                ["Slack:ApiBaseUrl"] = sink.Urls.First() + "/api/",
            });
            builder.Services.AddAsk(builder.Configuration);
            builder.Services.AddHostedService<StartupIngest>();
            builder.Services.AddAskSlack(builder.Configuration);
            var service = builder.Build();
            service.MapSlackEndpoints();
            await service.StartAsync();
            self = new LocalService(sink, service, tempData);

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
}
