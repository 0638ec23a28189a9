using System.Text.Json.Nodes;
using Ask.Testing.FakeSlack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ask.Web.Tests.Slack;

/// <summary>
/// The real web service with the Slack bot on, answering extractively over the sample episodes, and a
/// fake Slack (a real HTTP + WebSocket server) receiving what the bot posts. Subclasses change settings.
/// </summary>
public class SlackFixture : IAsyncLifetime
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-test-token";

    public AskApplication App { get; } = new();
    public FakeSlackServer Slack { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public SlackRequests Requests { get; } = new(SigningSecret);

    /// <summary>What the bot logged: its decisions, for tests that must show something did not happen.</summary>
    public SlackLog Log { get; } = new();

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackServer.StartAsync();
        App.Settings["Slack:SigningSecret"] = SigningSecret;
        App.Settings["Slack:BotToken"] = BotToken;
        App.Settings["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl;
        Configure(App.Settings);
        var services = App.TestServices;
        App.TestServices = s =>
        {
            services?.Invoke(s);
            s.AddSingleton<ILoggerProvider>(Log);
        };
        Client = App.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(Client);
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Slack.DisposeAsync();
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Client.SendAsync(request);

    public Task<HttpResponseMessage> SendEventAsync(string eventId, JsonObject inner) =>
        Client.SendAsync(Requests.Event(SlackRequests.Callback(eventId, inner)));

    private static int _next;

    /// <summary>A fresh channel per test, so tests sharing the fixture never see each other's posts.</summary>
    public static string NewChannel() => "C" + Interlocked.Increment(ref _next).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<SlackCall> PostsIn(string channel) =>
        Slack.CallsTo("chat.postMessage").Where(c => c.Body["channel"]?.GetValue<string>() == channel).ToArray();

    public async Task<IReadOnlyList<SlackCall>> WaitForPostsAsync(string channel, int count = 1)
    {
        await Slack.WaitUntilAsync(() => PostsIn(channel).Count >= count, () => $"only {PostsIn(channel).Count} of {count} posts in {channel}");
        return PostsIn(channel);
    }
}
