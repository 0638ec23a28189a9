using Microsoft.Extensions.DependencyInjection;

namespace Ask.Adapters.SemanticKernel.Tests;

public sealed class LlmOptionsTests
{
    [Fact]
    public void AddSemanticKernelAnswerModel_NoModel_FailsNamingTheKeyAndVariable()
    {
        var options = new LlmOptions { BaseUrl = new Uri("http://localhost:11434/v1") };

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSemanticKernelAnswerModel(options));

        Assert.Contains("Llm:Model (ASK_LLM_MODEL)", error.Message);
    }

    [Fact]
    public void AddSemanticKernelAnswerModel_BudgetShorterThanAttempt_Fails()
    {
        var options = new LlmOptions { BaseUrl = new Uri("http://localhost:8000/v1"), Model = "m", Timeout = TimeSpan.FromSeconds(30), TotalBudget = TimeSpan.FromSeconds(10) };

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSemanticKernelAnswerModel(options));

        Assert.Contains("Llm:TotalBudget", error.Message);
    }

    [Theory]
    [InlineData(1024, 1024, "must be larger than Llm:MaxOutputTokens (1024)")]
    [InlineData(LlmOptionsValidator.MaxContextTokens + 1, 1024, "at most 10485760")]
    public void AddSemanticKernelAnswerModel_ContextWindowOutOfRange_FailsNamingTheVariable(int contextTokens, int maxOutputTokens, string reason)
    {
        var options = new LlmOptions { BaseUrl = new Uri("http://localhost:11434/v1"), Model = "m", ContextTokens = contextTokens, MaxOutputTokens = maxOutputTokens };

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSemanticKernelAnswerModel(options));

        Assert.Contains("Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS)", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData(1025)]
    [InlineData(LlmOptionsValidator.MaxContextTokens)]
    public void AddSemanticKernelAnswerModel_ContextWindowAtItsLimits_IsAccepted(int contextTokens)
    {
        var options = new LlmOptions { BaseUrl = new Uri("http://localhost:11434/v1"), Model = "m", ContextTokens = contextTokens, MaxOutputTokens = 1024 };

        var services = new ServiceCollection().AddSemanticKernelAnswerModel(options);

        Assert.Contains(services, d => d.ServiceType == typeof(Ask.Core.Answering.IAnswerModel));
    }

    [Fact]
    public void AddSemanticKernelAnswerModel_OpenAIWithoutKey_FailsNamingTheVariables()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSemanticKernelAnswerModel(new LlmOptions { Model = "gpt-4o-mini" }));

        Assert.Contains("OPENAI_API_KEY", error.Message);
    }
}
