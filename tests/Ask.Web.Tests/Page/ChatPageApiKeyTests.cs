using Microsoft.Playwright;

namespace Ask.Web.Tests.Page;

/// <summary>The page against a service that requires <c>X-Api-Key</c>: it asks for the key instead of failing.</summary>
public sealed class ChatPageApiKeyTests : IAsyncLifetime
{
    private readonly AskApplication _app = new();
    private HttpClient _client = null!;
    private BrowserSession? _browser;

    public async Task InitializeAsync()
    {
        _app.Settings["Ask:ApiKey"] = "let-me-in";
        _client = _app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(_client);
        if (Chromium.Path is not null) _browser = await BrowserSession.StartAsync();
    }

    [ChromiumFact]
    public async Task ThePageAsksForTheKeyRejectsAWrongOneAndThenAnswers()
    {
        var errors = new List<string>();
        var page = await _browser!.NewPageAsync(errors);
        await page.GotoAsync(_client.BaseAddress!.ToString());
        await page.Locator("body[data-ready=true]").WaitForAsync();

        await Assertions.Expect(page.Locator("#api-key-panel")).ToBeVisibleAsync();
        Assert.Equal("api-key", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("wrong");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("not accepted");

        await page.FillAsync("#api-key", "let-me-in");
        await page.PressAsync("#api-key", "Enter");
        await Assertions.Expect(page.Locator("#api-key-panel")).ToBeHiddenAsync();
        Assert.Equal(4, await page.Locator("#filter-episode option").CountAsync());

        await page.FillAsync("#question", "How did they monitor the fraud model before labels arrived?");
        await page.PressAsync("#question", "Enter");
        var answer = page.Locator(".turn .answer[data-status]");
        await answer.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("answered", await answer.GetAttributeAsync("data-status"));
        // Only the refused requests (401) may show up as console errors; the key itself never does.
        Assert.All(errors, e => Assert.Contains("401", e));
        Assert.DoesNotContain(errors, e => e.Contains("let-me-in", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
