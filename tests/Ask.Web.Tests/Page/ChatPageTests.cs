using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ask.Web.Tests.Page;

/// <summary>The chat page at <c>/</c>, used as a person would: in headless Chromium against the running service.</summary>
public sealed partial class ChatPageTests(ChatPageFixture fixture, ITestOutputHelper output) : IClassFixture<ChatPageFixture>
{
    private const string Question = "What did Ravi say about vendor lock-in?";
    private static readonly LocatorWaitForOptions Slow = new() { Timeout = 60_000 };

    [GeneratedRegex(@"^\d{1,2}:\d{2}(:\d{2})?$")]
    private static partial Regex TimeLabel();

    [ChromiumFact]
    public async Task AskingStreamsTheAnswerAndACitationPlaysTheMomentByKeyboard()
    {
        var errors = new List<string>();
        var page = await fixture.OpenAsync(errors);
        // Counts DOM changes in the conversation: a streamed answer arrives in several pieces.
        await page.EvaluateAsync("() => { window.updates = 0; new MutationObserver(m => window.updates += m.length).observe(document.getElementById('conversation'), { subtree: true, childList: true, characterData: true }); }");

        await page.FocusAsync("#question");
        await page.Keyboard.TypeAsync(Question);
        await page.Keyboard.PressAsync("Enter");

        var answer = page.Locator(".turn .answer[data-status]").First;
        await answer.WaitForAsync(Slow);
        Assert.Equal("answered", await answer.GetAttributeAsync("data-status"));
        Assert.True(await page.EvaluateAsync<int>("() => window.updates") > 3, "the answer was not streamed in pieces");
        var expected = await AskApiAsync(Question);
        Assert.Equal(expected.GetProperty("answer").GetString(), await answer.Locator(".answer-text").TextContentAsync());

        var chips = answer.Locator(".chip");
        var citations = expected.GetProperty("citations").EnumerateArray().ToArray();
        Assert.Equal(citations.Length, await chips.CountAsync());
        var first = citations[0];
        var chip = chips.First;
        Assert.Equal(first.GetProperty("title").GetString(), await chip.Locator(".chip-title").TextContentAsync());
        var time = await chip.Locator(".time").TextContentAsync();
        Assert.Matches(TimeLabel(), time);
        Assert.Equal(first.GetProperty("start").GetString(), time);

        // Keyboard: the answer's [1] marker leads to its chip; focus shows the quote; Enter plays; Escape returns.
        await answer.Locator(".answer-text a.ref").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(await chip.GetAttributeAsync("id"), await page.EvaluateAsync<string>("() => document.activeElement.id"));
        var quote = answer.Locator(".quote").First;
        await Assertions.Expect(quote).ToBeVisibleAsync();
        Assert.Equal(first.GetProperty("quote").GetString(), await quote.Locator("q").TextContentAsync());
        await page.Keyboard.PressAsync("Enter");

        var player = page.Locator("#player");
        await player.WaitForAsync();
        var video = await VideoIdOfAsync(first.GetProperty("episode").GetString()!);
        var start = (long)Math.Floor(first.GetProperty("start_sec").GetDouble());
        var src = await player.GetAttributeAsync("src");
        Assert.Equal($"https://www.youtube-nocookie.com/embed/{video}?start={start.ToString(CultureInfo.InvariantCulture)}&autoplay=1", src);
        Assert.Contains(fixture.Browser.PlayerRequests, url => url.StartsWith(src!, StringComparison.Ordinal));
        Assert.Equal("player-title", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.ScreenshotAsync(new() { Path = Screenshot("chat-page.png"), FullPage = true });

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#player-panel")).ToBeHiddenAsync();
        Assert.Equal(await chip.GetAttributeAsync("id"), await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task FollowUpContinuesTheConversation()
    {
        var errors = new List<string>();
        var page = await fixture.OpenAsync(errors);

        await AskOnPageAsync(page, Question);
        var second = await AskOnPageAsync(page, "and what did he do about the access rules?");

        Assert.Equal("answered", await second.GetAttributeAsync("data-status"));
        // The follow-up's "he" is the guest the first answer quoted; the episode is named.
        Assert.Contains("Ravi", await second.Locator(".searched").TextContentAsync());
        Assert.Contains("Escaping Vendor Lock-In", await second.Locator(".searched").TextContentAsync());
        Assert.Equal(2, await page.Locator(".turn").CountAsync());

        await page.ClickAsync("#new-conversation");
        Assert.Equal(0, await page.Locator(".turn").CountAsync());
        var fresh = await AskOnPageAsync(page, "and what did he do about the access rules?");
        Assert.Equal(0, await fresh.Locator(".searched").CountAsync());
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task EpisodeFilterRestrictsTheCitations()
    {
        var errors = new List<string>();
        var page = await fixture.OpenAsync(errors);
        var episodes = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/episodes");
        var target = episodes.EnumerateArray().First(e => e.GetProperty("id").GetString()!.Contains("feature-store"));

        Assert.Equal(episodes.GetArrayLength() + 1, await page.Locator("#filter-episode option").CountAsync());
        Assert.True(await page.Locator("#filter-guest option").CountAsync() > 1);
        await page.SelectOptionAsync("#filter-episode", target.GetProperty("id").GetString()!);
        var request = await page.RunAndWaitForRequestAsync(
            () => AskOnPageAsync(page, "What results did the delivery time model get?"), r => r.Url.EndsWith("/api/chat/stream", StringComparison.Ordinal));
        var answer = page.Locator(".turn .answer[data-status]").Last;

        var sent = JsonDocument.Parse(request.PostData!).RootElement.GetProperty("filters");
        Assert.Equal(target.GetProperty("id").GetString(), sent.GetProperty("episode").GetString());
        Assert.Equal("answered", await answer.GetAttributeAsync("data-status"));

        var titles = await answer.Locator(".chip .chip-title").AllTextContentsAsync();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.Equal(target.GetProperty("title").GetString(), t));
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task NotInArchiveAndBadInputAreShownPlainly()
    {
        var errors = new List<string>();
        var page = await fixture.OpenAsync(errors);

        var answer = await AskOnPageAsync(page, "What is the best recipe for sourdough bread?");
        Assert.Equal("not_in_archive", await answer.GetAttributeAsync("data-status"));
        Assert.Contains("does not cover", await answer.Locator(".notes").TextContentAsync());
        Assert.Equal(0, await answer.Locator(".chip").CountAsync());

        // A control character cannot be typed, but can be pasted: the service's 400 is shown with its request id.
        await page.EvaluateAsync("() => { document.getElementById('question').value = 'why\\u0007now'; }");
        await page.FocusAsync("#question");
        await page.Keyboard.PressAsync("Enter");
        var problem = page.Locator(".problem[role=alert]");
        await problem.WaitForAsync(Slow);
        var text = await problem.TextContentAsync();
        Assert.Contains("Invalid request", text);
        Assert.Contains("control character", text);
        Assert.Contains("Request id:", text);
        Assert.DoesNotContain(errors, e => !e.Contains("400", StringComparison.Ordinal));
    }

    [ChromiumFact]
    public async Task OnAPhoneThePageFitsTheScreen()
    {
        var errors = new List<string>();
        var page = await fixture.OpenAsync(errors, width: 390, height: 844);

        await AskOnPageAsync(page, Question);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than a phone screen");
        await page.Locator(".chip").First.ClickAsync();
        await page.Locator("#player").WaitForAsync();
        var frame = await page.Locator("#player-frame").BoundingBoxAsync();
        Assert.True(frame!.Width <= 390, "the player is wider than the screen");
        await page.ScreenshotAsync(new() { Path = Screenshot("chat-page-phone.png"), FullPage = true });
        Assert.Empty(errors);
    }

    private static async Task<ILocator> AskOnPageAsync(IPage page, string question)
    {
        var before = await page.Locator(".turn").CountAsync();
        await page.FillAsync("#question", question);
        await page.PressAsync("#question", "Enter");
        var answer = page.Locator(".turn").Nth(before).Locator(".answer[data-status]");
        await answer.WaitForAsync(Slow);
        return answer;
    }

    private async Task<JsonElement> AskApiAsync(string question)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/chat", new { question });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> VideoIdOfAsync(string episode)
    {
        var episodes = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/episodes");
        var video = episodes.EnumerateArray().Single(e => e.GetProperty("id").GetString() == episode).GetProperty("youtube_id").GetString()!;
        Assert.Contains(video, fixture.VideoIds);
        return video;
    }

    private string Screenshot(string name)
    {
        var path = BrowserSession.ArtifactPath(name);
        output.WriteLine($"screenshot: {path}");
        Console.WriteLine($"screenshot: {path}");
        return path;
    }
}
