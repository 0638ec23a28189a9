using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Ask.Web.Tests.Page;

/// <summary>Two podcasts in one index: the API filters and cites by podcast, and the page plays an audio-only moment.</summary>
public sealed class PodcastPageTests(PodcastPageFixture fixture) : IClassFixture<PodcastPageFixture>
{
    private const string Question = "How much honey does a colony eat over the winter?";

    [Fact]
    public async Task EpisodesCarryTheirPodcastAudioAndPage()
    {
        var episodes = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/episodes");

        var bees = episodes.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "bee-show/hives");
        Assert.Equal("bee-show", bees.GetProperty("podcast").GetProperty("id").GetString());
        Assert.Equal("The Bee Show", bees.GetProperty("podcast").GetProperty("title").GetString());
        Assert.Equal(fixture.Audio.AudioUrl, bees.GetProperty("audio_url").GetString());
        Assert.Equal("https://bees.example.org/episodes/hives", bees.GetProperty("page_url").GetString());
        var ours = episodes.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "lean-mlops");
        Assert.Equal("datatalksclub", ours.GetProperty("podcast").GetProperty("id").GetString());
        Assert.Equal("DataTalks.Club", ours.GetProperty("podcast").GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, ours.GetProperty("audio_url").ValueKind);
    }

    [Fact]
    public async Task ChatFilteredByPodcastCitesTheAudioMoment()
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/chat", new { question = Question, filters = new { podcast = "bee-show" } });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("answered", answer.GetProperty("status").GetString());
        var citations = answer.GetProperty("citations").EnumerateArray().ToArray();
        Assert.NotEmpty(citations);
        foreach (var citation in citations)
        {
            Assert.Equal("bee-show/hives", citation.GetProperty("episode").GetString());
            Assert.Equal("bee-show", citation.GetProperty("podcast").GetProperty("id").GetString());
            Assert.Equal("The Bee Show", citation.GetProperty("podcast").GetProperty("title").GetString());
            var second = (long)Math.Floor(citation.GetProperty("start_sec").GetDouble());
            Assert.Equal($"{fixture.Audio.AudioUrl}#t={second.ToString(CultureInfo.InvariantCulture)}", citation.GetProperty("url").GetString());
        }

        var other = await fixture.Client.PostAsJsonAsync("/api/chat", new { question = Question, filters = new { podcast = "datatalksclub" } });
        var elsewhere = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(elsewhere.GetProperty("citations").EnumerateArray(), c => Assert.Equal("lean-mlops", c.GetProperty("episode").GetString()));
    }

    [Fact]
    public async Task SearchFiltersByPodcastAndRefusesABadOne()
    {
        var bees = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/search?q=winter+honey&podcast=bee-show");
        var passages = bees.GetProperty("passages").EnumerateArray().ToArray();
        Assert.NotEmpty(passages);
        Assert.All(passages, p => Assert.Equal("bee-show", p.GetProperty("podcast").GetProperty("id").GetString()));

        var ours = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/search?q=winter+honey&podcast=datatalksclub");
        Assert.All(ours.GetProperty("passages").EnumerateArray(), p => Assert.Equal("lean-mlops", p.GetProperty("episode").GetString()));

        var bad = await fixture.Client.GetAsync("/api/search?q=honey&podcast=Bee%20Show");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'Bee Show'", await bad.Content.ReadAsStringAsync());
        var badChat = await fixture.Client.PostAsJsonAsync("/api/chat", new { question = Question, filters = new { podcast = "../etc" } });
        Assert.Equal(HttpStatusCode.BadRequest, badChat.StatusCode);
        Assert.Contains("filters.podcast", await badChat.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ThePagePolicyAllowsExactlyTheAudioOriginsOfTheIndex()
    {
        var page = await fixture.Client.GetAsync("/");

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"media-src 'self' {fixture.Audio.Origin};", policy);
        Assert.DoesNotContain("bees.example.org", policy);
        Assert.Contains("default-src 'self'", policy);
    }

    [ChromiumFact]
    public async Task AnAudioOnlyMomentPlaysInTheAudioElementFromItsSecond()
    {
        var errors = new List<string>();
        var page = await fixture.Browser.NewPageAsync(errors);
        await page.GotoAsync(fixture.BaseUrl);
        await page.Locator("body[data-ready=true]").WaitForAsync();

        await Assertions.Expect(page.Locator("#podcast-filter")).ToBeVisibleAsync();
        var podcasts = await page.Locator("#filter-podcast option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)");
        Assert.Equal(["", "bee-show", "datatalksclub"], podcasts.Order(StringComparer.Ordinal));
        await page.SelectOptionAsync("#filter-podcast", "bee-show");
        await page.FillAsync("#question", Question);
        var request = await page.RunAndWaitForRequestAsync(() => page.PressAsync("#question", "Enter"), r => r.Url.EndsWith("/api/chat/stream", StringComparison.Ordinal));
        Assert.Equal("bee-show", JsonDocument.Parse(request.PostData!).RootElement.GetProperty("filters").GetProperty("podcast").GetString());
        var answer = page.Locator(".turn .answer[data-status]").First;
        await answer.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("answered", await answer.GetAttributeAsync("data-status"));

        var chip = answer.Locator(".chip").First;
        var start = int.Parse(await chip.GetAttributeAsync("data-start") ?? "", CultureInfo.InvariantCulture);
        Assert.True(start > 0, "the cited moment should start after the beginning, so starting there is seen");
        await chip.ClickAsync();

        var audio = page.Locator("audio#player");
        await audio.WaitForAsync();
        Assert.Equal($"{fixture.Audio.AudioUrl}#t={start}", await audio.GetAttributeAsync("src"));
        Assert.Equal(0, await page.Locator("iframe#player").CountAsync());
        // The browser loaded the file (allowed by the policy) and stands at the cited second.
        await page.WaitForFunctionAsync("() => document.getElementById('player').readyState >= 1", null, new() { Timeout = 30_000 });
        var position = await page.EvaluateAsync<double>("() => document.getElementById('player').currentTime");
        Assert.InRange(position, start, start + 5);
        Assert.True(fixture.Audio.Requests > 0);
        Assert.Equal("Open the audio", await page.Locator("#player-note a.external").TextContentAsync());
        Assert.Empty(errors);
    }
}
