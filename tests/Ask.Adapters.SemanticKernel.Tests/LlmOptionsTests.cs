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

    [Fact]
    public void AddSemanticKernelAnswerModel_OpenAIWithoutKey_FailsNamingTheVariables()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSemanticKernelAnswerModel(new LlmOptions { Model = "gpt-4o-mini" }));

        Assert.Contains("OPENAI_API_KEY", error.Message);
    }
}
