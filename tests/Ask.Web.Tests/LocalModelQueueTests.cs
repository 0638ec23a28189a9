using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ask.Testing.Models;

namespace Ask.Web.Tests;

/// <summary>The in-process model's queue is bounded: past it, 503 with Retry-After at once, not an unbounded wait.</summary>
public sealed class LocalModelQueueTests
{
    [Fact]
    public async Task WithNoRoomToWaitASecondQuestionIs503WithRetryAfter()
    {
        await using var app = new AskApplication();
        Directory.CreateDirectory(app.DataDirectory);
        app.Settings["Llm:Provider"] = "local";
        app.Settings["Llm:ModelPath"] = new TinyLlamaModel().Write(Path.Combine(app.DataDirectory, "tiny.gguf"));
        app.Settings["Llm:ContextTokens"] = "8192";
        app.Settings["Llm:MaxOutputTokens"] = "1024";
        app.Settings["Llm:Threads"] = "1";
        app.Settings["Llm:Temperature"] = "1";
        app.Settings["Llm:MaxConcurrency"] = "1";
        app.Settings["Llm:MaxQueue"] = "0";
        app.Settings["Answering:Sources"] = "3";
        app.Settings["Answering:RepairRounds"] = "0";
        using var client = app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            client.PostAsJsonAsync("/api/chat", new { question = "What did they say about vendor lock-in?" })));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var busy = Assert.Single(responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).Take(1));
        Assert.True(busy.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 });
        var problem = await busy.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(busy.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("request_id").GetString());
    }
}
