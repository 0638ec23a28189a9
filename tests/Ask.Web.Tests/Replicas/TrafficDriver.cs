using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ask.Web.Tests.Replicas;

/// <summary>
/// Sends questions to every replica without pause until stopped, each answer checked as it arrives: a 200
/// whose status is <c>answered</c>, with citations quoting the episode the question is about. Anything
/// else is a failure, kept with what was received.
/// </summary>
internal sealed class TrafficDriver
{
    /// <summary>Questions the archive answers before and after the rebuild, and a word each answer's citations must carry.</summary>
    public static readonly (string Question, string Episode)[] StableQuestions =
    [
        ("What did Ravi say about vendor lock-in?", "Vendor Lock-In"),
        ("How did they monitor the fraud model before labels arrived?", "Fraud"),
        ("What went wrong with the feature store in production?", "Feature Store"),
    ];

    private readonly IReadOnlyList<HttpClient> _replicas;
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly long[] _served;

    public TrafficDriver(IReadOnlyList<HttpClient> replicas)
    {
        _replicas = replicas;
        _served = new long[replicas.Count];
    }

    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Answers checked so far on replica <paramref name="replica"/>.</summary>
    public long Served(int replica) => Interlocked.Read(ref _served[replica]);

    /// <summary>Runs <paramref name="loopsPerReplica"/> request loops on every replica until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(int loopsPerReplica, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, _replicas.Count).SelectMany(r => Enumerable.Range(0, loopsPerReplica).Select(l => LoopAsync(r, l, stop))));

    private async Task LoopAsync(int replica, int loop, CancellationToken stop)
    {
        for (var i = loop; !stop.IsCancellationRequested; i++)
        {
            var (question, episode) = StableQuestions[i % StableQuestions.Length];
            // A request in flight when the driver stops is finished, not cancelled: it may be the one that crosses the swap.
            var failure = await AskAsync(_replicas[replica], question, episode);
            if (failure is null) Interlocked.Increment(ref _served[replica]);
            else _failures.Enqueue($"replica {replica}: {failure}");
        }
    }

    /// <summary>Null when the answer is a valid answer to <paramref name="question"/>; otherwise what was wrong.</summary>
    public static async Task<string?> AskAsync(HttpClient replica, string question, string episode)
    {
        HttpResponseMessage response;
        try
        {
            response = await replica.PostAsJsonAsync("/api/chat", new { question });
        }
        catch (HttpRequestException e)
        {
            return $"'{question}': {e.Message}";
        }
        using var _ = response;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) return $"'{question}': HTTP {(int)response.StatusCode} {body}";
        var answer = JsonDocument.Parse(body).RootElement;
        if (answer.GetProperty("status").GetString() != "answered") return $"'{question}': status {answer.GetProperty("status")} {body}";
        var citations = answer.GetProperty("citations");
        if (citations.GetArrayLength() == 0 || !citations.EnumerateArray().Any(c => c.GetProperty("title").GetString()!.Contains(episode, StringComparison.OrdinalIgnoreCase)))
            return $"'{question}': no citation of the '{episode}' episode: {body}";
        return null;
    }
}
