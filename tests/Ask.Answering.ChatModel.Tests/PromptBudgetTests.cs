using Microsoft.Extensions.AI;

namespace Ask.Answering.ChatModel.Tests;

public sealed class PromptBudgetTests
{
    [Fact]
    public void Estimate_FourCharactersAToken_PlusFramingPerMessage()
    {
        ChatMessage[] messages = [new(ChatRole.System, new string('r', 400)), new(ChatRole.User, new string('q', 401))];

        Assert.Equal(100 + 4 + 101 + 4, PromptBudget.Estimate(messages));
    }

    [Theory]
    [InlineData(599L, true)]
    [InlineData(600L, false)]
    [InlineData(0L, false)]
    [InlineData(null, false)]
    public void LooksTruncated_BelowSixTenthsOfWhatWasSent(long? reported, bool truncated) =>
        Assert.Equal(truncated, PromptBudget.LooksTruncated(reported, 1000));
}
