using Ask.Adapters.SemanticKernel.Resilience;
using Ask.Adapters.SemanticKernel.Tests.Support;
using Ask.Answering.ChatModel;
using Ask.Core.Answering;
using Ask.Testing;
using Ask.Testing.FakeOpenAI;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.SemanticKernel.Tests.Answering;

/// <summary>
/// A provider without structured outputs (old Azure api-versions, Azure AI Inference) is found by the
/// startup probe or by its first rejection, and answered with json_object from then on; every reply still
/// goes through Core's validator.
/// </summary>
public sealed class StructuredOutputsTests
{
    private const string GoodJson =
        """{"status":"answered","answer":"They moved to Dagster [1].","citations":[{"marker":1,"source":1,"quote":"We moved our pipelines to Dagster","start":"20:17"}]}""";

    private static string? FormatOf(RecordedRequest request) => request.Body["response_format"]?["type"]?.GetValue<string>();

    private static IReadOnlyList<LogEntry> Rejections(TestModel model) =>
        model.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("has no structured outputs")).ToArray();

    [Fact]
    public async Task StartupProbe_AzureApiVersion400_FlagsTheProviderAndAnswersAskForJsonObject()
    {
        await using var server = (await FakeChatServer.StartAsync(ScriptedReply.Completion(GoodJson))).RejectingJsonSchema();
        await using var model = await TestModel.StartAsync(server);

        Assert.Equal(StructuredOutputsState.Rejected, model.StructuredOutputs.State);
        Assert.Equal("json_object", model.StructuredOutputs.ResponseFormat);
        var probe = Assert.Single(server.Requests);
        Assert.Equal("json_schema", FormatOf(probe));
        var warning = Assert.Single(Rejections(model));
        Assert.Contains("enabled only for api versions 2024-08-01-preview", warning.Message);
        Assert.DoesNotContain(TestModel.ApiKey, warning.Message);

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(ModelReplyKind.Completed, reply.Kind);
        Assert.True(CitationValidator.Validate(reply.Content, TestSources.Question.Sources, AnswerMode.Generative).IsValid);
        Assert.Equal(2, server.Requests.Count);
        var answer = server.Requests[1];
        Assert.Equal("json_object", FormatOf(answer));
        Assert.Null(answer.Body["response_format"]!["json_schema"]);
        // json_object promises only some JSON object: the schema goes into the prompt, after the rules.
        Assert.Equal("system", answer.Messages[1].Role);
        Assert.Contains("\"citations\"", answer.Messages[1].Content);
        Assert.Contains("JSON", answer.Messages[0].Content);
        Assert.Contains(TestSources.Question.Question, answer.MessagesText);
    }

    [Fact]
    public async Task StartupProbe_ServerTakingJsonSchema_StaysOnJsonSchema()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion("""{"ok":true}"""), ScriptedReply.Completion(GoodJson));
        await using var model = await TestModel.StartAsync(server);

        Assert.Equal(StructuredOutputsState.Accepted, model.StructuredOutputs.State);
        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(GoodJson, reply.Content);
        Assert.All(server.Requests, r => Assert.Equal("json_schema", FormatOf(r)));
        Assert.Equal(Ask.Answering.ChatModel.Schema.DraftAnswerSchema.Name, server.Requests[1].Body["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
        Assert.Empty(Rejections(model));
        Assert.DoesNotContain(model.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task StartupProbe_ServerError_StartsWithoutFlaggingOrRetrying()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Error(500, "server_error", "boom"), ScriptedReply.Completion(GoodJson));
        await using var model = await TestModel.StartAsync(server);

        Assert.Equal(StructuredOutputsState.Unchecked, model.StructuredOutputs.State);
        Assert.Single(server.Requests);
        Assert.Contains(model.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Could not check") && e.Message.Contains("HTTP 500"));

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(GoodJson, reply.Content);
        Assert.Equal("json_schema", FormatOf(server.Requests[1]));
        Assert.Empty(Rejections(model));
    }

    [Fact]
    public async Task StartupProbe_ServerNeverAnswering_StartsWithinTheAttemptTimeoutUnflagged()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.NeverAnswers(), ScriptedReply.Completion(GoodJson));
        await using var model = await TestModel.StartAsync(server, o => o.Timeout = TimeSpan.FromMilliseconds(300));

        Assert.Equal(StructuredOutputsState.Unchecked, model.StructuredOutputs.State);
        Assert.Contains(model.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Could not check"));

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(GoodJson, reply.Content);
        Assert.Equal("json_schema", FormatOf(server.Requests[^1]));
    }

    [Fact]
    public async Task StartupProbe_EndpointDown_StartsUnflagged()
    {
        await using var server = await FakeChatServer.StartAsync();
        await using var model = await TestModel.StartAsync(server, o => o.BaseUrl = new Uri($"http://127.0.0.1:{LoopbackPorts.Closed()}/v1/"));

        Assert.Equal(StructuredOutputsState.Unchecked, model.StructuredOutputs.State);
        Assert.Contains(model.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Could not check") && e.Message.Contains("no response"));
    }

    [Fact]
    public async Task RejectedAnswerRequest_WithoutProbe_SwitchesToJsonObjectAndAsksOnceMoreAtOnce()
    {
        await using var server = (await FakeChatServer.StartAsync(ScriptedReply.Completion(GoodJson))).RejectingJsonSchema();
        await using var model = await TestModel.StartAsync(server, o => o.ProbeStructuredOutputs = false);
        Assert.Empty(server.Requests);
        Assert.Equal(StructuredOutputsState.Unchecked, model.StructuredOutputs.State);

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(ModelReplyKind.Completed, reply.Kind);
        Assert.True(CitationValidator.Validate(reply.Content, TestSources.Question.Sources, AnswerMode.Generative).IsValid);
        Assert.Equal(["json_schema", "json_object"], server.Requests.Select(FormatOf));
        // Not a failed attempt: no back-off, no retry of the 400 itself.
        Assert.DoesNotContain(model.Logs.Entries, e => e.Message.Contains("retrying"));
        Assert.Equal(StructuredOutputsState.Rejected, model.StructuredOutputs.State);

        await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal("json_object", FormatOf(server.Requests[^1]));
        Assert.Equal(3, server.Requests.Count);
        Assert.Single(Rejections(model));
    }

    [Fact]
    public async Task OtherBadRequest_IsNotTakenForAMissingCapability()
    {
        await using var server = await FakeChatServer.StartAsync(
            ScriptedReply.Error(400, "invalid_request_error", "Invalid schema for response_format 'draft_answer': 'additionalProperties' is required to be supplied and to be false."));
        await using var model = await TestModel.StartAsync(server, o => o.ProbeStructuredOutputs = false);

        var error = await Assert.ThrowsAsync<Ask.Core.AskException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Single(server.Requests);
        Assert.Equal(StructuredOutputsState.Unchecked, model.StructuredOutputs.State);
    }

    [Theory]
    [InlineData("response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later", null)]
    [InlineData("Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", "response_format")]
    [InlineData("json_schema response format is unsupported by this model", null)]
    [InlineData("Unsupported value", "response_format")]
    public void Matches_KnownRejectionsOfTheFormat(string message, string? param) =>
        Assert.True(StructuredOutputsRejectedException.Matches(message, param));

    [Theory]
    [InlineData("Invalid schema for response_format 'draft_answer': In context=(), 'required' is required.", null)]
    [InlineData("The model `gpt-5` does not exist or you do not have access to it.", null)]
    [InlineData("Unsupported parameter: 'max_tokens' is not supported with this model.", "max_tokens")]
    [InlineData("The response was filtered due to the prompt triggering content management policy.", null)]
    [InlineData("", null)]
    public void Matches_NotOtherBadRequests(string message, string? param) =>
        Assert.False(StructuredOutputsRejectedException.Matches(message, param));

    [Fact]
    public void Rejection_IsNotTransient_SoNeitherRetriedNorCountedByTheCircuit() =>
        Assert.False(LlmPipeline.IsTransient(new StructuredOutputsRejectedException("HTTP 400", "enabled only")));
}
