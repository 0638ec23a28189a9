using Ask.Adapters.LlamaSharp.Tests.Support;
using Ask.Answering.ChatModel;
using Ask.Answering.ChatModel.Prompts;
using Ask.Core;
using Ask.Core.Answering;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ask.Adapters.LlamaSharp.Tests.Answering;

/// <summary>The prompt fits the model's context by leaving out the lowest-ranked sources, never the rules.</summary>
public sealed class PromptFitTests(TinyModelFixture tiny, IndexedTranscripts archive) : IClassFixture<TinyModelFixture>, IClassFixture<IndexedTranscripts>
{
    private const string Question = "What does Nemanja think about Kubeflow?";

    private ChatAnswerModel Model(int contextTokens, int maxOutput)
    {
        var options = TinyModelFixture.Options(tiny.ModelPath);
        options.ContextTokens = contextTokens;
        options.MaxOutputTokens = maxOutput;
        return tiny.AnswerModel(options);
    }

    /// <summary>Prompt tokens with the first <paramref name="count"/> sources, measured with the model's own tokenizer.</summary>
    private int Tokens(AnswerPrompt prompt, int count)
    {
        var measure = Model(8192, 64);
        return tiny.Client(tiny.Load()).CountPromptTokens(measure.Messages(prompt, count));
    }

    [Fact]
    public async Task ContextHoldsAllButTheLastSource_LastLeftOut_RulesKept()
    {
        var prompt = new AnswerPrompt(Question, await archive.SourcesAsync(Question));
        var all = prompt.Sources.Count;
        Assert.True(all >= 2, $"retrieval found {all} sources");
        const int reply = 64;
        var model = Model(Tokens(prompt, all - 1) + reply, reply);

        var (messages, used, tokens) = model.Fit(prompt);

        Assert.Equal(all - 1, used);
        var rules = new PromptLibrary().Get("answer", 2).System;
        Assert.Equal(rules, messages[0].Text);
        Assert.Contains($"<source number=\"{all - 1}\"", messages[1].Text);
        Assert.DoesNotContain($"<source number=\"{all}\"", messages[1].Text);
        // Exactly the context less the reply: the tokenizer's count, not an estimate.
        Assert.Equal(Tokens(prompt, all - 1), tokens);
    }

    [Fact]
    public async Task ComposeReportsHowManySourcesTheModelWasShown()
    {
        var prompt = new AnswerPrompt(Question, await archive.SourcesAsync(Question));
        const int reply = 64;
        var model = Model(Tokens(prompt, 1) + reply, reply);

        var composed = await model.ComposeAsync(prompt, default);

        Assert.Equal(1, composed.SourcesUsed);
        Assert.Equal("answer.v2", composed.Prompt);
    }

    [Fact]
    public async Task EverythingFits_AllSourcesUsed()
    {
        var prompt = new AnswerPrompt(Question, await archive.SourcesAsync(Question));

        var (_, used, _) = Model(8192, 64).Fit(prompt);

        Assert.Equal(prompt.Sources.Count, used);
    }

    [Fact]
    public async Task NotEvenOneSourceFits_TransientError_SoTheServiceAnswersExtractively()
    {
        var prompt = new AnswerPrompt(Question, await archive.SourcesAsync(Question));
        var model = Model(Tokens(prompt, 1) - 1 + 64, 64);

        var error = Assert.Throws<AskException>(() => model.Fit(prompt));
        Assert.True(error.IsTransient);
        Assert.Contains("ASK_LLM_CONTEXT_TOKENS", error.Message);

        var result = await archive.Service(model).AskAsync(new ChatRequest(Question), default);
        Assert.Equal(AnswerMode.Extractive, result.Answer.Mode);
        Assert.StartsWith("model_unavailable", result.Answer.Degraded);
    }

    [Fact]
    public async Task RepairRound_KeepsRulesAndPreviousReply()
    {
        var prompt = new AnswerPrompt(Question, await archive.SourcesAsync(Question), new RepairRequest("{\"status\":\"answered\"}", ["Marker [1] in the answer has no citation."]));

        var (messages, _, _) = Model(8192, 64).Fit(prompt);

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], messages.Select(m => m.Role));
        Assert.Contains("Marker [1] in the answer has no citation.", messages[3].Text);
    }
}
