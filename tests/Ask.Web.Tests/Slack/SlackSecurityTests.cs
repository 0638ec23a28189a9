using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary>Every Slack endpoint checks the signature over the raw bytes; failures are bare 401s.</summary>
public sealed class SlackSecurityTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    private const string BoldCafe = "command=%2Fask&text=%2Abold%2A+caf%C3%A9+%26+more&user_id=USEC&channel_id=CSEC&response_url=";

    [Fact]
    public async Task ForgedSignatureIsRejectedAndNothingIsAnswered()
    {
        var channel = SlackFixture.NewChannel();
        var forged = new SlackRequests("not-the-secret").Event(SlackRequests.Callback("Ev-forged", SlackRequests.Mention(channel, "U1", "1.2", "vendor lock-in")));

        var response = await fixture.SendAsync(forged);

        await AssertRejectedAsync(response);
        Assert.Empty(fixture.PostsIn(channel));
    }

    [Fact]
    public async Task TimestampOlderThanFiveMinutesIsRejected()
    {
        var old = fixture.Requests.Event(SlackRequests.Callback("Ev-old", SlackRequests.Mention("COLD", "U1", "1.3", "vendor lock-in")), DateTimeOffset.UtcNow.AddSeconds(-301));

        await AssertRejectedAsync(await fixture.SendAsync(old));
    }

    [Fact]
    public async Task MissingSignatureHeadersAreRejected()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent("""{"type":"url_verification","challenge":"x"}""", Encoding.UTF8, "application/json") };

        await AssertRejectedAsync(await fixture.SendAsync(request));
    }

    [Fact]
    public async Task SlashCommandSignatureCoversTheBytesAsSent()
    {
        var response = await fixture.SendAsync(fixture.Requests.Command(BoldCafe + Uri.EscapeDataString(fixture.Slack.ResponseUrl("sec"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("*bold* café &amp; more", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SlashCommandReEncodedAfterSigningIsRejected()
    {
        var signed = fixture.Requests.Command(BoldCafe);
        var reEncoded = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(BoldCafe.Replace("+", "%20"), Encoding.UTF8, "application/x-www-form-urlencoded") };
        foreach (var header in signed.Headers) reEncoded.Headers.Add(header.Key, header.Value);

        await AssertRejectedAsync(await fixture.SendAsync(reEncoded));
    }

    [Fact]
    public async Task InteractivityWithABadSignatureIsRejected()
    {
        var request = new SlackRequests("wrong").Interaction(new JsonObject { ["type"] = "block_actions" });

        await AssertRejectedAsync(await fixture.SendAsync(request));
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("signature", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("timestamp", body, StringComparison.OrdinalIgnoreCase);
    }
}
