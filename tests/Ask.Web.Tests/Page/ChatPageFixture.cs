using Microsoft.Playwright;

namespace Ask.Web.Tests.Page;

/// <summary>The real service (Kestrel, extractive mode) over the sample episodes with video ids, and one browser.</summary>
public sealed class ChatPageFixture : IAsyncLifetime
{
    public AskApplication App { get; } = new();
    public HttpClient Client { get; private set; } = null!;
    public BrowserSession Browser { get; private set; } = null!;
    public IReadOnlyList<string> VideoIds { get; private set; } = [];
    public string BaseUrl => Client.BaseAddress!.ToString();

    public async Task InitializeAsync()
    {
        var episodes = Path.Combine(App.DataDirectory, "episodes");
        VideoIds = VideoSamples.WriteTo(episodes);
        App.Settings["Ask:EpisodesDirectory"] = episodes;
        Client = App.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(Client);
        if (Chromium.Path is not null) Browser = await BrowserSession.StartAsync();
    }

    /// <summary>Opens the page and waits until its script has loaded the episode list.</summary>
    public async Task<IPage> OpenAsync(List<string> errors, int width = 1280, int height = 900)
    {
        var page = await Browser.NewPageAsync(errors, width, height);
        await page.GotoAsync(BaseUrl);
        await page.Locator("body[data-ready=true]").WaitForAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}
