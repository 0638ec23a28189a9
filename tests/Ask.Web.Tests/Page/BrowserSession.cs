using Microsoft.Playwright;

namespace Ask.Web.Tests.Page;

/// <summary>
/// Playwright driving the system Chromium, with the YouTube player's address answered locally: the page
/// may only talk to the service and the player, and the test machine has no internet anyway.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Player addresses the page asked for, in order.</summary>
    public List<string> PlayerRequests { get; } = [];

    public static async Task<BrowserSession> StartAsync()
    {
        var session = new BrowserSession { _playwright = await Playwright.CreateAsync() };
        session.Browser = await session._playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Path, Headless = true });
        return session;
    }

    /// <summary>A fresh page; console errors (a CSP violation, a script error) are collected in <paramref name="errors"/>.</summary>
    public async Task<IPage> NewPageAsync(List<string> errors, int width = 1280, int height = 900)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await page.RouteAsync("https://www.youtube-nocookie.com/**", async route =>
        {
            lock (PlayerRequests) PlayerRequests.Add(route.Request.Url);
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>player</title><p>player</p>" });
        });
        return page;
    }

    /// <summary>Where screenshots go: <c>artifacts/</c> under the test output folder.</summary>
    public static string ArtifactPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
