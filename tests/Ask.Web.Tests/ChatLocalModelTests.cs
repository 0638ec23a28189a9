using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ask.Testing.Models;

namespace Ask.Web.Tests;

/// <summary>
/// /api/chat with <c>Llm:Provider=local</c>: no key, no server, a GGUF file loaded into the service at start.
/// The file is the tiny random-weight test model, so its replies have the contract's shape but cannot quote
/// the sources: the answer must come back extractive, saying why.
/// </summary>
public sealed class ChatLocalModelTests : IAsyncLifetime
{
    private AskApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = new AskApplication();
        Directory.CreateDirectory(_app.DataDirectory);
        _app.Settings["Llm:Provider"] = "local";
        _app.Settings["Llm:ModelPath"] = new TinyLlamaModel().Write(Path.Combine(_app.DataDirectory, "tiny.gguf"));
        _app.Settings["Llm:ContextTokens"] = "8192";
        _app.Settings["Llm:MaxOutputTokens"] = "1024";
        _app.Settings["Llm:Threads"] = "1";
        _app.Settings["Llm:Temperature"] = "1";
        _app.Settings["Answering:Sources"] = "3";
        _app.Settings["Answering:RepairRounds"] = "0";
        _client = _app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(_client);
    }

    [Fact]
    public async Task RandomModel_RepliesRejected_ExtractiveAnswerSaysWhy()
    {
        var response = await _client.PostAsJsonAsync("/api/chat", new { question = "Why did the SQL dialect make the warehouse migration slow?" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("extractive", answer.GetProperty("mode").GetString());
        Assert.Matches("^(validation_failed|model_output_truncated)", answer.GetProperty("degraded").GetString());
        Assert.True(answer.GetProperty("timings_ms").TryGetProperty("generate_ms", out _));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
