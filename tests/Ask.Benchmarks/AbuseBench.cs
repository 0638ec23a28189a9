using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Ask.Benchmarks;

/// <summary>
/// Load and abuse on a running service (loopback only, bounded in time): valid questions and follow-ups
/// from a few clients, and — unless <c>--abuse false</c> — oversized and malformed bodies, compression-bomb
/// conversation tokens, bursts over the rate limit and slow clients that trickle their body. Reports the
/// status codes seen, latency percentiles of the valid requests, and the service's RSS before and after
/// (<c>--pid</c>). Fails (exit 1) on any 5xx other than a 503 that says when to retry.
/// Run it twice, with and without abuse, to compare the valid requests' latency.
/// </summary>
internal static class AbuseBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var url = new Uri(args.Required("url"));
        if (!IPAddress.TryParse(url.Host, out var ip) ? url.Host != "localhost" : !IPAddress.IsLoopback(ip))
            throw new ArgumentException("--url must be a loopback address (127.0.0.1, [::1] or localhost).");
        var seconds = Math.Clamp(args.Int("seconds", 60), 1, 600);
        var clients = args.Int("clients", 4);
        var abuse = args.Optional("abuse") != "false";
        var pid = args.Optional("pid") is { } p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        string[] questions = ["What did they say about vendor lock-in?", "How did they monitor the fraud model before labels arrived?",
            "Why was the SQL dialect the hardest part of leaving the warehouse vendor?", "What results did the delivery time model get?"];

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(3) };
        if (args.Optional("key") is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var statuses = new ConcurrentDictionary<string, int>();
        var latencies = new ConcurrentBag<double>();
        var bad = new ConcurrentBag<string>();
        void Count(string kind, HttpResponseMessage r)
        {
            statuses.AddOrUpdate($"{kind} {(int)r.StatusCode}", 1, (_, n) => n + 1);
            if ((int)r.StatusCode >= 500 && !((int)r.StatusCode == 503 && r.Headers.RetryAfter is not null))
                bad.Add($"{kind} {(int)r.StatusCode}");
        }

        var rssBefore = Rss(pid);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var tasks = new List<Task>();
        for (var c = 0; c < clients; c++)
        {
            var client = c;
            tasks.Add(Task.Run(async () =>
            {
                string? conversation = null;
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var clock = Stopwatch.StartNew();
                    var followUp = conversation is not null && i % 3 == 2;
                    using var response = await http.PostAsJsonAsync("/api/chat", followUp
                        ? new { question = "and what else?", conversation_id = conversation }
                        : (object)new { question = questions[(client + i) % questions.Length] });
                    var body = await response.Content.ReadAsStringAsync();
                    Count(followUp ? "follow-up" : "valid", response);
                    if (response.IsSuccessStatusCode)
                    {
                        latencies.Add(clock.Elapsed.TotalMilliseconds);
                        conversation = JsonDocument.Parse(body).RootElement.GetProperty("conversation_id").GetString();
                    }
                    else if (response.Headers.RetryAfter?.Delta is { } wait) await Delay(wait, stop.Token);
                }
            }));
        }
        if (abuse)
        {
            tasks.Add(Task.Run(async () =>
            {
                var bomb = Bomb();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    (string Kind, HttpContent Content) sent = (i % 4) switch
                    {
                        0 => ("oversized", new StringContent($$"""{"question":"{{new string('x', 200_000)}}"}""", Encoding.UTF8, "application/json")),
                        1 => ("malformed", new StringContent("{\"question\": [1, 2", Encoding.UTF8, "application/json")),
                        2 => ("bomb", JsonContent.Create(new { question = "and then?", conversation_id = bomb })),
                        _ => ("nulls", new StringContent("""{"question":"hi","history":[null,{"question":null}]}""", Encoding.UTF8, "application/json")),
                    };
                    using var response = await http.PostAsync("/api/chat", sent.Content);
                    Count(sent.Kind, response);
                }
            }));
            tasks.Add(Task.Run(async () =>
            {
                // Bursts: 50 searches at once every 2 s, well over the per-client rate limit.
                while (!stop.IsCancellationRequested)
                {
                    var burst = Enumerable.Range(0, 50).Select(async _ =>
                    {
                        using var response = await http.GetAsync("/api/search?q=vendor+lock-in");
                        Count("burst", response);
                    });
                    await Task.WhenAll(burst);
                    await Delay(TimeSpan.FromSeconds(2), stop.Token);
                }
            }));
            tasks.Add(SlowClientsAsync(url, 8, stop.Token));
        }
        await Task.WhenAll(tasks);
        var rssAfter = Rss(pid);

        var valid = latencies.ToList();
        Console.WriteLine($"{seconds} s, {clients} clients, abuse {(abuse ? "on" : "off")}: {valid.Count} answers, " +
                          $"p50 {Stats.Percentile(valid, 50):F0} ms, p95 {Stats.Percentile(valid, 95):F0} ms, p99 {Stats.Percentile(valid, 99):F0} ms");
        foreach (var (kind, n) in statuses.OrderBy(s => s.Key)) Console.WriteLine($"  {kind}: {n}");
        if (pid is not null) Console.WriteLine($"  service RSS: {rssBefore / 1024.0:F0} MB before, {rssAfter / 1024.0:F0} MB after");
        if (!bad.IsEmpty)
        {
            Console.WriteLine($"FAIL: {bad.Count} server errors without Retry-After: {string.Join(", ", bad.Distinct())}");
            return 1;
        }
        return 0;
    }

    /// <summary>Clients that send headers and a trickle of body, then stall: the server must not keep them forever.</summary>
    private static async Task SlowClientsAsync(Uri url, int count, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var sockets = new List<TcpClient>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var tcp = new TcpClient();
                    await tcp.ConnectAsync(url.Host, url.Port, stop);
                    var head = $"POST /api/chat HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{\"question\":\"";
                    await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head), stop);
                    sockets.Add(tcp);
                }
                await Delay(TimeSpan.FromSeconds(10), stop);
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                await Delay(TimeSpan.FromSeconds(1), stop);
            }
            finally
            {
                foreach (var s in sockets) s.Dispose();
            }
        }
    }

    /// <summary>A conversation token inflating to 10 MB of JSON.</summary>
    private static string Bomb()
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            deflate.Write(Encoding.UTF8.GetBytes("[{\"Question\":\"" + new string('a', 10 * 1024 * 1024) + "\",\"Answer\":\"\"}]"));
        return "c1." + Convert.ToBase64String(buffer.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static async Task Delay(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>VmRSS of <paramref name="pid"/> in KB (Linux), 0 when unknown.</summary>
    private static long Rss(int? pid)
    {
        if (pid is null) return 0;
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
