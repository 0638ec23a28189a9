using Ask.Hosting.Evaluation;
using System.Diagnostics;
using System.Net.Http.Json;

namespace Ask.Benchmarks;

/// <summary>
/// Load on a running service's <c>POST /api/chat</c>: the golden questions, at each concurrency, with
/// latency percentiles and requests per second. Start the service first (its mode is whatever it is
/// configured for; with no LLM, extractive). With <c>--compare-url</c> a second service (the same archive on
/// another store, say Qdrant) gets the same load in the same run, each concurrency right after the first's,
/// and its percentiles are printed beside the first's with their ratio.
/// </summary>
internal static class ChatBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var urls = new[] { args.Required("url"), args.Optional("compare-url") }.OfType<string>().Select(u => new Uri(u)).ToArray();
        var labels = (args.Optional("labels") ?? "first,second").Split(',');
        if (labels.Length < urls.Length) throw new ArgumentException("--labels needs one name per service, e.g. --labels embedded,qdrant.");
        var questions = GoldenQuestionFile.Load(args.Required("golden")).Select(q => q.Question).ToArray();
        var n = args.Int("n", 200);
        var clients = urls.Select(u => new HttpClient { BaseAddress = u, Timeout = TimeSpan.FromMinutes(2) }).ToArray();
        // Steady state, as a long-running service sees it: the runtime compiles hot code again, optimised,
        // only after it has run a while (tiered compilation); a cold service is up to twice as slow.
        var warmup = args.Int("warmup", 1000);
        foreach (var http in clients)
        {
            await WaitUntilReadyAsync(http);
            await RunAsync(http, questions, warmup, 4);
        }

        foreach (var concurrency in (args.Optional("concurrency") ?? "1,8").Split(',').Select(int.Parse))
        {
            var p95s = new List<double>();
            for (var s = 0; s < clients.Length; s++)
            {
                var clock = Stopwatch.StartNew();
                var latencies = await RunAsync(clients[s], questions, n, concurrency);
                var seconds = clock.Elapsed.TotalSeconds;
                var name = clients.Length > 1 ? $" ({labels[s]})" : "";
                p95s.Add(Stats.Percentile(latencies, 95));
                Console.WriteLine($"POST /api/chat{name}, concurrency {concurrency}, {n} requests: p50 {Stats.Percentile(latencies, 50):F1} ms, " +
                                  $"p95 {p95s[^1]:F1} ms, {n / seconds:F1} requests/s");
            }
            if (clients.Length > 1)
                Console.WriteLine($"  p95 {labels[1]} / {labels[0]} at concurrency {concurrency}: {p95s[1] / p95s[0]:F2}x");
        }
        foreach (var http in clients) http.Dispose();
        return 0;
    }

    /// <summary>Sends <paramref name="n"/> questions from <paramref name="concurrency"/> clients at once; the latency of each.</summary>
    private static async Task<List<double>> RunAsync(HttpClient http, string[] questions, int n, int concurrency)
    {
        var latencies = new List<double>();
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                var elapsed = await PostAsync(http, questions[i % questions.Length]);
                lock (latencies) latencies.Add(elapsed);
            }
        });
        await Task.WhenAll(workers);
        return latencies;
    }

    private static async Task WaitUntilReadyAsync(HttpClient http)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var health = await http.GetStringAsync("/health");
                if (health.Contains("\"index\":\"ready\"", StringComparison.Ordinal)) return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                // not listening yet
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{http.BaseAddress} did not report a ready index within 2 minutes.");
            await Task.Delay(500);
        }
    }

    private static async Task<double> PostAsync(HttpClient http, string question)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("/api/chat", new { question });
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return clock.Elapsed.TotalMilliseconds;
    }
}
