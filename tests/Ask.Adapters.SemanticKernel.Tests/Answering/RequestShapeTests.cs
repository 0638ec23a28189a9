using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ask.Answering.ChatModel.Schema;
using Ask.Testing.FakeOpenAI;
using Ask.Adapters.SemanticKernel.Tests.Support;

namespace Ask.Adapters.SemanticKernel.Tests.Answering;

/// <summary>What goes over the wire: the strict schema, the prompt (the word JSON, transcripts as data) and the key (docs/failure-modes.md, 16, 17, 19, 29).</summary>
public sealed class RequestShapeTests
{
    [Fact]
    public async Task ComposeAsync_Request_CarriesStrictJsonSchemaFromTheContract()
    {
        var request = await CaptureAsync();

        var format = request.Body["response_format"]!.AsObject();
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var jsonSchema = format["json_schema"]!.AsObject();
        Assert.True(jsonSchema["strict"]!.GetValue<bool>());
        Assert.Matches("^[a-zA-Z0-9_-]+$", jsonSchema["name"]!.GetValue<string>());

        var schema = jsonSchema["schema"]!;
        Assert.Empty(StrictSchema.FindViolations(schema));
        Assert.True(Depth(schema) <= 5, $"schema nests {Depth(schema)} levels");
        Assert.DoesNotContain(TypeArrays(schema), types => types.Count(t => t == "null") > 1);
        Assert.Equal(["answered", "not_in_archive"], schema["properties"]!["status"]!["enum"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("integer", schema["properties"]!["citations"]!["items"]!["properties"]!["marker"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ComposeAsync_Request_SendsModelSamplingAndTokenLimit()
    {
        var request = await CaptureAsync();

        Assert.Equal("test-model", request.Body["model"]!.GetValue<string>());
        Assert.Equal(0, request.Body["temperature"]!.GetValue<double>());
        Assert.Equal(42, request.Body["seed"]!.GetValue<long>());
        Assert.Equal(1024, request.Body["max_completion_tokens"]!.GetValue<int>());
        // Ollama reads only max_tokens; a server that isn't OpenAI or Azure gets both.
        Assert.Equal(1024, request.Body["max_tokens"]!.GetValue<int>());
        Assert.Equal("/v1/chat/completions", request.Path);
    }

    [Fact]
    public async Task ComposeAsync_OpenAIProvider_SendsOnlyMaxCompletionTokens()
    {
        // OpenAI's reasoning models reject max_tokens.
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion("{}"));
        await using var model = TestModel.For(server, o => o.Provider = "openai");

        await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        var body = server.Requests.Single().Body;
        Assert.Equal(1024, body["max_completion_tokens"]!.GetValue<int>());
        Assert.Null(body["max_tokens"]);
    }

    [Fact]
    public async Task ComposeAsync_Prompt_HoldsRulesQuestionAndNumberedSourcesInDelimiters()
    {
        var request = await CaptureAsync();

        var (system, user) = (request.Messages[0], request.Messages[1]);
        Assert.Equal("system", system.Role);
        Assert.Contains("JSON", system.Content);
        Assert.Contains("not_in_archive", system.Content);
        Assert.Contains("<question>Which orchestrator did they move to?</question>", user.Content);
        Assert.Contains("<source number=\"1\" episode=\"Lean MLOps for Startups\" chapter=\"Tooling\" time=\"20:17–21:24\">", user.Content);
        Assert.Contains("[20:17] Nemanja: We moved our pipelines to Dagster last year.\n", user.Content);
        Assert.Contains("[21:14] Right.\n", user.Content);
        Assert.Contains("<source number=\"2\" episode=\"Data Contracts &quot;in practice&quot;\" time=\"1:02:05–1:02:15\">\n[1:02:05] Ana: Airflow", user.Content);
    }

    [Fact]
    public async Task ComposeAsync_InjectionInTranscript_StaysInsideItsSourceElement()
    {
        var request = await CaptureAsync();
        var text = request.MessagesText;

        // Only the two real elements open and close; the transcript's fake tags were neutralised.
        Assert.Equal(2, Regex.Count(text, "<source "));
        Assert.Equal(2, Regex.Count(text, "</source>"));
        var inside = Regex.Matches(text, "<source .*?</source>", RegexOptions.Singleline).Sum(m => Regex.Count(m.Value, "HACKED"));
        Assert.Equal(1, inside);
        Assert.Equal(1, Regex.Count(text, "HACKED"));
        Assert.Contains("[20:36] Nemanja: " + TestSources.Injection, text);
    }

    [Fact]
    public async Task ComposeAsync_Request_SendsKeyAsBearerAndNeverLogsIt()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion("{}"));
        await using var model = TestModel.For(server);

        await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal($"Bearer {TestModel.ApiKey}", server.Requests.Single().Headers["Authorization"]);
        Assert.NotEmpty(model.Logs.Entries);
        Assert.DoesNotContain(model.Logs.Entries, e => e.Message.Contains(TestModel.ApiKey, StringComparison.Ordinal));
        // Whole prompts only at Debug.
        Assert.DoesNotContain(model.Logs.Entries, e => e.Level > Microsoft.Extensions.Logging.LogLevel.Debug && e.Message.Contains("Dagster"));
        Assert.Contains(model.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug && e.Message.Contains("Dagster"));
    }

    [Fact]
    public async Task Startup_LogsProviderAndModel()
    {
        await using var model = TestModel.For(TestModel.DefaultOptions(new Uri("http://localhost:11434/v1"), "qwen2.5:7b", apiKey: null));

        Assert.Equal("ollama:qwen2.5:7b", model.Sut.Name);
        Assert.Contains(model.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Information
            && e.Message.Contains("ollama") && e.Message.Contains("qwen2.5:7b"));
    }

    private static async Task<RecordedRequest> CaptureAsync()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion("{}"));
        await using var model = TestModel.For(server);
        await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);
        return server.Requests.Single();
    }

    private static int Depth(JsonNode? node) => node switch
    {
        JsonObject o when o["properties"] is JsonObject p => 1 + p.Select(x => Depth(x.Value)).DefaultIfEmpty(0).Max(),
        JsonObject o when o["items"] is JsonObject items => 1 + Depth(items),
        JsonObject => 1,
        _ => 0,
    };

    private static IEnumerable<string[]> TypeArrays(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"] is JsonArray types) yield return types.Select(t => t!.GetValue<string>()).ToArray();
                foreach (var child in o) foreach (var found in TypeArrays(child.Value)) yield return found;
                break;
            case JsonArray a:
                foreach (var child in a) foreach (var found in TypeArrays(child)) yield return found;
                break;
        }
    }
}
