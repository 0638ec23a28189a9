using Ask.Adapters.Slack.Rendering;
using Ask.Adapters.Slack.WebApi;
using Ask.Testing;
using Ask.Testing.FakeSlack;
using Ask.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Ask.Adapters.Slack.Tests.WebApi;

/// <summary>The Web API client against a fake Slack on a real socket.</summary>
public sealed class SlackWebApiTests : IAsyncLifetime
{
    private FakeSlackServer _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private static SlackWebApi Create(string baseUrl, int maxAttempts = 4, TimeProvider? time = null)
    {
        var options = new SlackOptions { ApiBaseUrl = baseUrl, BotToken = "xoxb-1", AppToken = "xapp-1", MaxAttempts = maxAttempts };
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
        SlackWebApiPipeline.Configure(pipeline, maxAttempts, time ?? TimeProvider.System);
        return new SlackWebApi(new HttpClient(), pipeline.Build(), options, NullLogger<SlackWebApi>.Instance);
    }

    [Fact]
    public async Task PostMessage_429WithRetryAfter_PostedOnceAfterTheWait()
    {
        _slack.Script("chat.postMessage", SlackReply.RateLimited(2));
        var time = new ObservedTimeProvider();

        var post = Create(_slack.ApiBaseUrl, time: time).PostMessageAsync(SlackMessage.Plain("hello"), "C1", "1.1", CancellationToken.None);
        // The back-off runs on the fake clock, so the retry comes only when the test moves it past the wait.
        await time.AdvanceUntilDoneAsync(post, TimeSpan.FromSeconds(2));
        var ts = await post;

        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        // Between the attempts the pipeline waited exactly what Retry-After asked: the one delay it armed (each
        // attempt's timeout is a timer armed later, created with no due time).
        Assert.Equal([TimeSpan.FromSeconds(2)], time.DueTimes.Where(d => d > TimeSpan.Zero));
        Assert.NotNull(ts);
    }

    [Fact]
    public async Task PostMessage_SlackUnreachable_TransientErrorAfterEveryAttempt()
    {
        var port = LoopbackPorts.Closed();

        var error = await Assert.ThrowsAsync<SlackApiException>(() =>
            Create($"http://127.0.0.1:{port}/api/", maxAttempts: 2).PostMessageAsync(SlackMessage.Plain("x"), "C1", null, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("could not be reached", error.Message);
    }

    [Fact]
    public async Task PostMessage_OkFalse_ErrorNamesSlacksCodeAndIsNotRetried()
    {
        _slack.Script("chat.postMessage", new SlackReply(200, """{"ok":false,"error":"channel_not_found"}""", new Dictionary<string, string>()));

        var error = await Assert.ThrowsAsync<SlackApiException>(() =>
            Create(_slack.ApiBaseUrl).PostMessageAsync(SlackMessage.Plain("x"), "C404", null, CancellationToken.None));

        Assert.Equal("channel_not_found", error.Error);
        Assert.False(error.IsTransient);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Respond_ExpiredResponseUrl_False()
    {
        _slack.Script("response_url", SlackReply.WithStatus(404, "expired_url"));

        Assert.False(await Create(_slack.ApiBaseUrl).RespondAsync(_slack.ResponseUrl("r1"), SlackMessage.Plain("x"), CancellationToken.None));
    }

    [Fact]
    public async Task Respond_UrlOutsideSlack_NotCalled()
    {
        var sent = await Create(_slack.ApiBaseUrl).RespondAsync("http://169.254.169.254/latest/meta-data", SlackMessage.Plain("x"), CancellationToken.None);

        Assert.False(sent);
    }

    [Fact]
    public async Task OpenConnection_UsesTheAppToken()
    {
        var url = await Create(_slack.ApiBaseUrl).OpenConnectionAsync(CancellationToken.None);

        Assert.Equal("ws", url.Scheme);
        Assert.Equal("Bearer xapp-1", _slack.CallsTo("apps.connections.open").Single().Headers["Authorization"]);
    }

    [Fact]
    public async Task Update_SendsTheTsAndTheBotToken()
    {
        await Create(_slack.ApiBaseUrl).UpdateMessageAsync(SlackMessage.Plain("edited"), "C1", "1.1", CancellationToken.None);

        var call = _slack.CallsTo("chat.update").Single();
        Assert.Equal("1.1", call.Body["ts"]!.GetValue<string>());
        Assert.Equal("Bearer xoxb-1", call.Headers["Authorization"]);
    }
}
