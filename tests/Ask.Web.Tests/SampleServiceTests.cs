using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ask.Web.Tests;

/// <summary>A fresh service with nothing configured: it writes the sample episodes, ingests them and serves them.</summary>
public sealed class SampleServiceTests(SampleServiceTests.Fixture fixture) : IClassFixture<SampleServiceTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AskApplication App { get; } = new();
        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Client = App.CreateRealClient();
            await WaitUntilIndexReadyAsync(Client);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    internal static async Task<JsonElement> WaitUntilIndexReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var health = await client.GetFromJsonAsync<JsonElement>("/health");
            var state = health.GetProperty("index").GetString();
            if (state == "ready") return health;
            if (state == "failed") throw new InvalidOperationException("startup ingest failed: " + health);
            if (DateTime.UtcNow > deadline) throw new TimeoutException("index not ready: " + health);
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task HealthSaysOkAndCountsTheSampleChunks()
    {
        var health = await fixture.Client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("embedded", health.GetProperty("store").GetString());
        Assert.True(health.GetProperty("chunks").GetInt64() > 0);
        Assert.Contains("samples", health.GetProperty("source").GetString());
    }

    [Fact]
    public async Task SearchFindsTheSampleMomentWithLinkAndTimes()
    {
        var response = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/search?q=vendor%20lock-in&k=3");

        var first = response.GetProperty("passages")[0];
        Assert.StartsWith("Sample:", first.GetProperty("title").GetString());
        Assert.Contains("lock-in", first.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        var start = first.GetProperty("start_sec").GetDouble();
        Assert.True(first.GetProperty("end_sec").GetDouble() > start);
        // Sample episodes have no video, so no link; the corpus smoke run checks real links.
        Assert.Equal(JsonValueKind.Null, first.GetProperty("url").ValueKind);
    }

    [Fact]
    public async Task SearchWithoutQuestionIsAProblemNamingTheParameter()
    {
        var response = await fixture.Client.GetAsync("/api/search?q=%20");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'q'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SearchFilteredToAnEpisodeOnlyReturnsThatEpisode()
    {
        var all = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/search?q=data&k=10");
        var episode = all.GetProperty("passages")[0].GetProperty("episode").GetString();

        var filtered = await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/search?q=data&k=10&episode={episode}");

        Assert.All(filtered.GetProperty("passages").EnumerateArray(), p => Assert.Equal(episode, p.GetProperty("episode").GetString()));
    }
}
