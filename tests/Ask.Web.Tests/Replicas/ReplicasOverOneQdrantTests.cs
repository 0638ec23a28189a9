using System.Net.Http.Json;
using System.Text.Json;
using Ask.Adapters.Qdrant.Tests.FakeQdrant;
using Ask.Adapters.Transcripts.Samples;
using Ask.Core.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ask.Web.Tests.Replicas;

/// <summary>
/// Two Ask web processes' worth of service — two real hosts on Kestrel, each with its own data folder — over
/// one Qdrant (the Qdrant-protocol server, reached through the real Qdrant.Client), as replicas behind a load
/// balancer are. An ingest with <c>--rebuild</c> runs while both serve.
/// </summary>
public sealed class ReplicasOverOneQdrantTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>How long a replica may take to serve a new generation: the answering state is checked every 2 s.</summary>
    private static readonly TimeSpan PickUpBudget = TimeSpan.FromSeconds(60);

    private readonly string _work = Path.Combine(Path.GetTempPath(), "ask-replicas-" + Guid.NewGuid().ToString("N"));
    private readonly List<AskApplication> _hosts = [];
    private FakeQdrantServer _qdrant = null!;

    private string IngestData => Path.Combine(_work, "ingest-data");

    public async Task InitializeAsync()
    {
        _qdrant = await FakeQdrantServer.StartAsync();
        var samples = Path.Combine(_work, "first");
        SampleEpisodes.WriteTo(samples);
        await QdrantIngest.RunAsync(_qdrant.Url, IngestData, samples, rebuild: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await _qdrant.DisposeAsync();
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task TwoReplicasAnswerAlikeAndServeARebuildWithoutAFailedRequest()
    {
        var replicas = new[] { await StartReplicaAsync(), await StartReplicaAsync() };
        foreach (var (question, _) in TrafficDriver.StableQuestions)
            Assert.Equal(await ComparableAnswerAsync(replicas[0], question), await ComparableAnswerAsync(replicas[1], question));
        Assert.NotNull(await TrafficDriver.AskAsync(replicas[0], BeekeepingEpisode.Question, BeekeepingEpisode.TitleWord));

        var second = Path.Combine(_work, "second");
        SampleEpisodes.WriteTo(second);
        BeekeepingEpisode.WriteTo(second);
        var driver = new TrafficDriver(replicas);
        using var stop = new CancellationTokenSource();
        var traffic = driver.RunAsync(loopsPerReplica: 2, stop.Token);
        try
        {
            await WaitUntilAsync(() => driver.Served(0) > 0 && driver.Served(1) > 0, "both replicas serving before the ingest");
            var before = (driver.Served(0), driver.Served(1));
            var report = await QdrantIngest.RunAsync(_qdrant.Url, IngestData, second, rebuild: true, CancellationToken.None);
            var during = (driver.Served(0) - before.Item1, driver.Served(1) - before.Item2);
            Assert.Empty(report.Skipped);
            Assert.Equal(4, report.New.Count + report.Changed.Count + report.Unchanged.Count);

            // Each replica answers the new episode's question from the new generation (its chunks, through the moved
            // alias) and holds the new generation's vocabulary, which it reads into memory when it notices the change.
            var pickedUp = await Task.WhenAll(replicas.Select((replica, i) => PickUpAsync(replica, _hosts[i])));
            var after = (driver.Served(0), driver.Served(1));
            await WaitUntilAsync(() => driver.Served(0) > after.Item1 && driver.Served(1) > after.Item2, "both replicas serving after the swap");
            stop.Cancel();
            await traffic;

            output.WriteLine($"answers checked: replica 0 {driver.Served(0)}, replica 1 {driver.Served(1)}; during the ingest {during.Item1} and {during.Item2}; " +
                $"new episode served after {pickedUp[0].TotalMilliseconds:0} and {pickedUp[1].TotalMilliseconds:0} ms");
            Assert.Empty(driver.Failures);
            Assert.True(during.Item1 > 0 && during.Item2 > 0, $"the traffic must overlap the ingest on both replicas (answers during it: {during})");
            Assert.Contains(_qdrant.State.Journal, entry => entry.StartsWith("drop ", StringComparison.Ordinal));
        }
        finally
        {
            await stop.CancelAsync();
            await traffic.WaitAsync(TimeSpan.FromMinutes(2));
            foreach (var failure in driver.Failures.Take(5)) output.WriteLine(failure);
        }
    }

    private async Task<HttpClient> StartReplicaAsync()
    {
        var host = new AskApplication();
        host.Settings["Ask:Store"] = "Qdrant";
        host.Settings["Qdrant:Url"] = _qdrant.Url;
        _hosts.Add(host);
        var client = host.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(client);
        return client;
    }

    /// <summary>The answer without what differs per request (its id, timings).</summary>
    private static async Task<string> ComparableAnswerAsync(HttpClient replica, string question)
    {
        var answer = await (await replica.PostAsJsonAsync("/api/chat", new { question })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("answered", answer.GetProperty("status").GetString());
        return string.Join('\n', new[] { "status", "answer", "citations", "mode", "sources_used" }.Select(f => answer.GetProperty(f).GetRawText()));
    }

    /// <summary>
    /// Polls until <paramref name="replica"/> answers the new episode's question from it and its process knows the
    /// new episode's words; returns how long that took.
    /// </summary>
    private static async Task<TimeSpan> PickUpAsync(HttpClient replica, AskApplication host)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var vocabulary = host.Services.GetRequiredService<IArchiveVocabulary>();
        string? last;
        while ((last = await TrafficDriver.AskAsync(replica, BeekeepingEpisode.Question, BeekeepingEpisode.TitleWord)
                   ?? (vocabulary.UnknownWords(BeekeepingEpisode.NewWords) is { Count: > 0 } unknown ? "still unknown: " + string.Join(", ", unknown) : null)) is not null)
        {
            if (waited.Elapsed > PickUpBudget) throw new TimeoutException($"the new generation was not served within {PickUpBudget}: {last}");
            await Task.Delay(100);
        }
        return waited.Elapsed;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > PickUpBudget) throw new TimeoutException($"not reached within {PickUpBudget}: {what}");
            await Task.Delay(20);
        }
    }
}
