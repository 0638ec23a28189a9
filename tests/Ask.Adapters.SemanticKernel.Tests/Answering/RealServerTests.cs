using System.Text.Json;
using Ask.Adapters.SemanticKernel.Tests.Support;
using Ask.Core.Answering;
using Ask.Testing;

namespace Ask.Adapters.SemanticKernel.Tests.Answering;

/// <summary>The good-reply path against a real OpenAI-compatible server, where the environment names one.</summary>
public sealed class RealServerTests
{
    [RealServerFact("ASK_LLM_BASE_URL", "ASK_LLM_MODEL")]
    public async Task ComposeAsync_RealServer_ReturnsJsonOfTheContract()
    {
        var key = Environment.GetEnvironmentVariable("ASK_LLM_API_KEY") ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        var options = TestModel.DefaultOptions(new Uri(Environment.GetEnvironmentVariable("ASK_LLM_BASE_URL")!), Environment.GetEnvironmentVariable("ASK_LLM_MODEL")!, key);
        options.Timeout = TimeSpan.FromSeconds(120);
        options.TotalBudget = TimeSpan.FromSeconds(300);
        await using var model = TestModel.For(options);

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(ModelReplyKind.Completed, reply.Kind);
        var draft = JsonSerializer.Deserialize<DraftAnswer>(reply.Content!);
        Assert.NotNull(draft);
        Assert.DoesNotContain("HACKED", draft.Answer);
        Assert.All(draft.Citations, c => Assert.InRange(c.Source, 1, TestSources.Question.Sources.Count));
    }
}
