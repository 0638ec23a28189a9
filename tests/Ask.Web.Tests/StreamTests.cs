using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ask.Testing.FakeOpenAI;

namespace Ask.Web.Tests;

/// <summary>/api/chat/stream streams: the moments at once, heartbeats while the model works, validated text last.</summary>
public sealed class StreamTests
{
    [Fact]
    public async Task SourcesArriveBeforeTheModelAnswersAndHeartbeatsKeepTheConnection()
    {
        await using var llm = await FakeChatServer.StartAsync(ScriptedReply.NeverAnswers(), ScriptedReply.NeverAnswers(), ScriptedReply.NeverAnswers());
        await using var app = new AskApplication();
        app.Settings["Llm:BaseUrl"] = llm.BaseUrl.ToString();
        app.Settings["Llm:Model"] = "test-model";
        app.Settings["Llm:Timeout"] = "00:00:01.500";
        app.Settings["Llm:TotalBudget"] = "00:00:03";
        app.Settings["Llm:Retry:BaseDelay"] = "00:00:00.050";
        app.Settings["Limits:StreamHeartbeat"] = "00:00:00.200";
        using var client = app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(client);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/stream") { Content = JsonContent.Create(new { question = "What did they say about vendor lock-in?" }) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        // Blocks in the order they arrived; where they stand in the stream is what the test checks, not when.
        var blocks = new List<string>();
        var current = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                current.Append(line).Append('\n');
                continue;
            }
            if (current.Length > 0) blocks.Add(current.ToString());
            current.Clear();
        }

        var sources = blocks.FindIndex(b => b.StartsWith("event: sources", StringComparison.Ordinal));
        var final = blocks.FindIndex(b => b.StartsWith("event: final", StringComparison.Ordinal));
        // The moments went out first, then heartbeats while the model worked, then the answer.
        Assert.InRange(sources, 0, final - 2);
        Assert.Contains(blocks[(sources + 1)..final], b => b.StartsWith(": ", StringComparison.Ordinal));
        Assert.Single(blocks, b => b.StartsWith("event: final", StringComparison.Ordinal));
        var answer = JsonDocument.Parse(blocks[final].Split('\n')[1]["data: ".Length..]).RootElement;
        Assert.StartsWith("model_unavailable", answer.GetProperty("degraded").GetString());
    }

    [Fact]
    public async Task AnInvalidStreamRequestIsAPlainProblemNotAStream()
    {
        await using var app = new AskApplication();
        using var client = app.CreateRealClient();

        var response = await client.PostAsJsonAsync("/api/chat/stream", new { question = "and then?", conversation_id = "c1.%%%" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
