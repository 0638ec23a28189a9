using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary><c>/ask</c>: acknowledged at once, answered through the command's response_url.</summary>
public sealed class SlackCommandTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    [Fact]
    public async Task AskIsAcknowledgedWithLookingThenAnsweredThroughTheResponseUrl()
    {
        var id = Guid.NewGuid().ToString("N");
        var url = fixture.Slack.ResponseUrl(id);

        var response = await fixture.SendAsync(fixture.Requests.Command(
            $"command=%2Fask&text=What+did+Ravi+say+about+vendor+lock-in%3F&user_id=UC1&channel_id=CC1&response_url={Uri.EscapeDataString(url)}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("in_channel", ack.GetProperty("response_type").GetString());
        Assert.StartsWith(":mag: Looking…", ack.GetProperty("text").GetString());
        var answer = await WaitForResponseAsync(id);
        Assert.Equal("in_channel", answer.Body["response_type"]!.GetValue<string>());
        Assert.Contains("_Sample:", answer.BlocksText);
        Assert.Single(fixture.Slack.CallsTo("response_url"), c => c.Path.EndsWith(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AskWithNoTextExplainsTheUsageAndAnswersNothing()
    {
        var before = fixture.Slack.Calls.Count;
        var queued = fixture.Log.Count(" queued");

        var response = await fixture.SendAsync(fixture.Requests.Command("command=%2Fask&text=&user_id=UC2&channel_id=CC2&response_url=" + Uri.EscapeDataString(fixture.Slack.ResponseUrl("empty"))));

        var ack = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ephemeral", ack.GetProperty("response_type").GetString());
        Assert.Contains("Usage: `/ask QUESTION`", ack.GetProperty("text").GetString());
        // The inbox decides before it acknowledges: nothing was queued, so nothing will call the response_url.
        Assert.Equal(queued, fixture.Log.Count(" queued"));
        Assert.DoesNotContain(fixture.Slack.Calls.Skip(before), c => c.Path.EndsWith("/empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExpiredResponseUrlFallsBackToPostingInTheChannel()
    {
        var channel = SlackFixture.NewChannel();
        fixture.Slack.Script("response_url", SlackReply.WithStatus(404, "expired_url"));

        await fixture.SendAsync(fixture.Requests.Command(
            $"command=%2Fask&text=vendor+lock-in&user_id=UC3&channel_id={channel}&response_url={Uri.EscapeDataString(fixture.Slack.ResponseUrl("expired"))}"));

        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        Assert.Null(post.Body["thread_ts"]);
        Assert.Contains("_Sample:", post.BlocksText);
    }

    private async Task<SlackCall> WaitForResponseAsync(string id)
    {
        SlackCall? Response() => fixture.Slack.Calls.FirstOrDefault(c => c.Method == "response_url" && c.Path.EndsWith(id, StringComparison.Ordinal));
        await fixture.Slack.WaitUntilAsync(() => Response() is not null, () => "no response_url call for " + id);
        return Response()!;
    }
}
