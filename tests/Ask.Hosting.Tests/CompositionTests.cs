using System.Text.Json;
using Ask.Core.Answering;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Ask.Testing.FakeOpenAI;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Hosting.Tests;

/// <summary>
/// Every store × provider combination <see cref="AskServiceCollectionExtensions.AddAsk"/> offers starts, serves the
/// index the samples were ingested into, and answers a question about them through the provider it was given.
/// </summary>
[Collection(CompositionCollection.Name)]
public sealed class CompositionTests(CompositionFixture fixture)
{
    private const string Question = "What did Ravi say about vendor lock-in?";
    private const string LockInEpisode = "sample-escaping-vendor-lock-in";

    public static TheoryData<Store, Provider> Combinations()
    {
        var data = new TheoryData<Store, Provider>();
        foreach (var store in Enum.GetValues<Store>())
            foreach (var provider in Enum.GetValues<Provider>())
                data.Add(store, provider);
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Composition_Starts_ServesTheStoreAndAnswersThroughTheProvider(Store store, Provider provider)
    {
        await using var host = await ComposedHost.StartAsync(fixture.Settings(store, provider), fixture.Ct);

        var index = host.Services.GetRequiredService<IChunkIndex>();
        Assert.Equal(store.ToString().ToLowerInvariant(), index.Name);
        Assert.Equal(fixture.Chunks[store], await index.CountAsync(fixture.Ct));

        var answers = host.Services.GetRequiredService<AnswerService>();
        var model = host.Services.GetService<IAnswerModel>();
        switch (provider)
        {
            case Provider.None:
                Assert.Null(model);
                await AnswersExtractivelyAsync(answers);
                break;
            case Provider.OpenAI:
                Assert.NotNull(model);
                await AnswersThroughTheEndpointAsync(host.Services, answers);
                break;
            case Provider.Local:
                Assert.StartsWith("local:tiny.gguf", model!.Name);
                await AnswersThroughTheLocalModelAsync(answers);
                break;
        }
    }

    private async Task AnswersExtractivelyAsync(AnswerService answers)
    {
        Assert.Equal(AnswerMode.Extractive, answers.Mode);

        var answer = (await answers.AskAsync(new ChatRequest(Question), fixture.Ct)).Answer;

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        Assert.Contains(answer.Citations, c => c.EpisodeId == LockInEpisode && c.Speaker == "Ravi");
    }

    private async Task AnswersThroughTheEndpointAsync(IServiceProvider services, AnswerService answers)
    {
        Assert.Equal(AnswerMode.Generative, answers.Mode);
        // The reply quotes the first source the service will number: the same retrieval, asked directly.
        var first = (await services.GetRequiredService<Retriever>().SearchAsync(Question, 6, null, fixture.Ct)).Passages[0];
        var quote = string.Join(' ', first.Text.Split('\n')[0].Split(' ').Take(6));
        var before = fixture.OpenAI.Requests.Count;
        fixture.OpenAI.Then(ScriptedReply.Completion(JsonSerializer.Serialize(new
        {
            status = "answered",
            answer = "Lock-in had three parts [1].",
            citations = new[] { new { marker = 1, source = 1, quote, start = Timestamp.Format(first.StartSec) } },
        })));

        var answer = (await answers.AskAsync(new ChatRequest(Question), fixture.Ct)).Answer;

        Assert.Equal(AnswerMode.Generative, answer.Mode);
        Assert.Equal(AnswerStatus.Answered, answer.Status);
        var citation = Assert.Single(answer.Citations);
        Assert.Equal(first.EpisodeId, citation.EpisodeId);
        Assert.Equal(quote, citation.Quote);
        var request = Assert.Single(fixture.OpenAI.Requests.Skip(before));
        Assert.Contains(Question, request.MessagesText);
    }

    private async Task AnswersThroughTheLocalModelAsync(AnswerService answers)
    {
        Assert.Equal(AnswerMode.Generative, answers.Mode);

        var answer = (await answers.AskAsync(new ChatRequest(Question), fixture.Ct)).Answer;

        // The tiny model's weights are random: it cannot quote a source, so the validated fallback answers, saying why.
        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        Assert.True(answer.Degraded?.StartsWith("validation_failed", StringComparison.Ordinal) == true
            || answer.Degraded?.StartsWith("model_output_truncated", StringComparison.Ordinal) == true, $"degraded: {answer.Degraded}");
        Assert.Contains(answer.Citations, c => c.EpisodeId == LockInEpisode);
    }
}
