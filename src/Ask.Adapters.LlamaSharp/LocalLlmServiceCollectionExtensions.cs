using Ask.Adapters.LlamaSharp.Chat;
using Ask.Adapters.LlamaSharp.Model;
using Ask.Answering.ChatModel;
using Ask.Core.Answering;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Adapters.LlamaSharp;

public static class LocalLlmServiceCollectionExtensions
{
    /// <summary>
    /// Answers with a GGUF model running in this process (generative mode, no server, no key): binds
    /// <see cref="LlmOptions"/> from <paramref name="section"/> (the host's <c>Llm</c> section), checked at start, registers the shared model, an
    /// <see cref="IChatClient"/> over it (JSON schemas become grammars) and the shared answer model
    /// (<see cref="IAnswerModel"/>) over that client; a host's startup loads the model. The wait for a turn
    /// runs on the host's <see cref="TimeProvider"/>, which the host registers.
    /// </summary>
    public static IServiceCollection AddLocalLlm(this IServiceCollection services, IConfiguration section)
    {
        // This adapter is the local provider whatever the section names, so the local model's rules are the ones checked.
        services.AddLlmOptions(section).Configure(o => o.Provider = LlmOptions.LocalProvider);
        services.AddSingleton<LocalModel>();
        services.AddSingleton<LlamaChatClient>();
        services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<LlamaChatClient>());
        services.AddSingleton<IPromptTokenCounter, LlamaPromptTokenCounter>();
        services.AddSingleton(sp => sp.GetRequiredService<LocalModel>().Options.ToAnswerSettings());
        services.AddChatAnswerModel();
        services.AddHostedService<LocalModelStartupCheck>();
        return services;
    }
}
