using Ask.Hosting.Evaluation;
using System.Diagnostics;
using System.Net.Http.Json;

namespace Ask.Benchmarks;

/// <summary>
/// Load on a running service's <c>POST /api/chat</c>: the golden questions, at each concurrency, with
/// latency percentiles and requests per second. Start the service first (its mode is whatever it is
/// configured for; with no LLM, extractive).
/// </summary>
internal static class ChatBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var url = new Uri(args.Required("url"));
        var questions = GoldenQuestionFile.Load(args.Required("golden")).Select(q => q.Question).ToArray();
        var n = args.Int("n", 200);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        await WaitUntilReadyAsync(http);
        // Steady state, as a long-running service sees it: the runtime compiles hot code again, optimised,
        // only after it has run a while (tiered compilation); a cold service is up to twice as slow.
        var warmup = args.Int("warmup", 1000);
        await RunAsync(http, questions, warmup, 4);

        foreach (var concurrency in (args.Optional("concurrency") ?? "1,8").Split(',').Select(int.Parse))
        {
            var clock = Stopwatch.StartNew();
            var latencies = await RunAsync(http, questions, n, concurrency);
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"POST /api/chat, concurrency {concurrency}, {n} requests: p50 {Stats.Percentile(latencies, 50):F1} ms, " +
                              $"p95 {Stats.Percentile(latencies, 95):F1} ms, {n / seconds:F1} requests/s");
        }
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
