using System.Text;
using Ask.Adapters.Slack.Signing;
using Ask.Testing.FakeSlack;
using Microsoft.Extensions.Time.Testing;

namespace Ask.Adapters.Slack.Tests.Signing;

public sealed class SlackSignatureVerifierTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_531_420_618);
    private readonly FakeTimeProvider _clock = new(Now);

    private SlackSignatureVerifier Sut => new(Encoding.UTF8.GetBytes(Secret), _clock);

    private static string Sign(string timestamp, byte[] body) => SlackRequests.Signature(Secret, timestamp, body);

    [Fact]
    public void Verify_SlacksDocumentedExample_IsValid()
    {
        // The example request from Slack's "Verifying requests from Slack" page.
        var body = Encoding.UTF8.GetBytes("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

        var check = Sut.Verify("1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", body);

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void Verify_FormBodyWithEncodedBytes_ValidOnlyAsSent()
    {
        var sent = Encoding.UTF8.GetBytes("command=%2Fask&text=%2Abold%2A+caf%C3%A9+%26+more");
        var signature = Sign("1531420618", sent);

        Assert.Equal(SignatureCheck.Valid, Sut.Verify("1531420618", signature, sent));
        Assert.Equal(SignatureCheck.Mismatch, Sut.Verify("1531420618", signature, Encoding.UTF8.GetBytes("command=%2Fask&text=%2Abold%2A%20caf%C3%A9%20%26%20more")));
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    [InlineData(-299, true)]
    public void Verify_TimestampSkew_RejectedBeyondFiveMinutes(int offsetSeconds, bool valid)
    {
        var expected = valid ? SignatureCheck.Valid : SignatureCheck.Expired;
        var body = "{}"u8.ToArray();
        var timestamp = (Now.ToUnixTimeSeconds() + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, Sut.Verify(timestamp, Sign(timestamp, body), body));
    }

    [Theory]
    [InlineData(null, "v0=00")]
    [InlineData("1531420618", null)]
    [InlineData("", "")]
    public void Verify_MissingHeaders_Rejected(string? timestamp, string? signature) =>
        Assert.Equal(SignatureCheck.MissingHeaders, Sut.Verify(timestamp, signature, "{}"u8));

    [Theory]
    [InlineData("1531420618.5")]
    [InlineData("-1")]
    [InlineData("abc")]
    public void Verify_TimestampNotWholeSeconds_Rejected(string timestamp) =>
        Assert.Equal(SignatureCheck.BadTimestamp, Sut.Verify(timestamp, "v0=00", "{}"u8));

    [Theory]
    [InlineData("v0=")]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50")]
    public void Verify_WrongOrTruncatedSignature_Mismatch(string signature) =>
        Assert.Equal(SignatureCheck.Mismatch, Sut.Verify("1531420618", signature, "{}"u8));
}
