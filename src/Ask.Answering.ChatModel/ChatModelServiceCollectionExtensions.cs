using Ask.Answering.ChatModel.Evaluation;
using Ask.Answering.ChatModel.Prompts;
using Ask.Core.Answering;
using Ask.Core.Evaluation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ask.Answering.ChatModel;

public static class ChatModelServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="LlmOptions"/> bound from <paramref name="section"/> (the host's <c>Llm</c> section) and checked at
    /// start by the one validator, for whichever provider <c>Llm:Provider</c> chose; each provider's <c>Add…</c> calls it.
    /// </summary>
    public static OptionsBuilder<LlmOptions> AddLlmOptions(this IServiceCollection services, IConfiguration section) =>
        services.AddCheckedOptions<LlmOptions, LlmOptionsValidator>(section);

    /// <summary>
    /// The answer model over the provider's <see cref="IChatClient"/>. A provider's <c>Add…</c> registers the
    /// client and its <see cref="ChatAnswerSettings"/> (and an exact <see cref="IPromptTokenCounter"/> if it has
    /// the tokenizer), then calls this.
    /// </summary>
    public static IServiceCollection AddChatAnswerModel(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => new PromptLibrary());
        services.TryAddSingleton<IPromptTokenCounter, EstimatedTokenCounter>();
        services.TryAddSingleton(sp => new StructuredOutputs(sp.GetRequiredService<ChatAnswerSettings>().Provider, sp.GetRequiredService<ILogger<StructuredOutputs>>()));
        services.AddSingleton<IAnswerModel>(sp => new ChatAnswerModel(
            sp.GetRequiredService<IChatClient>(),
            sp.GetRequiredService<ChatAnswerSettings>(),
            sp.GetRequiredService<PromptLibrary>(),
            sp.GetRequiredService<StructuredOutputs>(),
            sp.GetRequiredService<IPromptTokenCounter>(),
            sp.GetRequiredService<ILogger<ChatAnswerModel>>()));
        return services;
    }

    /// <summary>
    /// Judges golden facts with the chat model <see cref="AddChatAnswerModel"/> answers with, by a majority of
    /// <paramref name="votes"/> votes.
    /// </summary>
    public static IServiceCollection AddChatFactJudge(this IServiceCollection services, int votes)
    {
        services.AddSingleton<IFactJudge>(sp => new LlmFactJudge(
            new StructuredChat(sp.GetRequiredService<IChatClient>(), sp.GetRequiredService<StructuredOutputs>(), sp.GetRequiredService<ILogger<LlmFactJudge>>()),
            sp.GetRequiredService<ChatAnswerSettings>(),
            sp.GetRequiredService<PromptLibrary>(),
            votes));
        return services;
    }
}
