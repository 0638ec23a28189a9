using Ask.Adapters.LlamaSharp.Chat;
using Ask.Adapters.LlamaSharp.Model;
using Ask.Answering.ChatModel;
using Ask.Core.Answering;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.LlamaSharp;

public static class LocalLlmServiceCollectionExtensions
{
    /// <summary>
    /// Answers with a GGUF model running in this process (generative mode, no server, no key): binds and
    /// validates <see cref="LocalLlmOptions"/> from <paramref name="section"/>, registers the shared model, an
    /// <see cref="IChatClient"/> over it (JSON schemas become grammars) and the shared answer model
    /// (<see cref="IAnswerModel"/>) over that client; a host's startup loads the model. The wait for a turn
    /// runs on the host's <see cref="TimeProvider"/>, which the host registers.
    /// </summary>
    public static IServiceCollection AddLocalLlm(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<LocalLlmOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalLlmOptions>, LocalLlmOptionsValidator>());
        services.AddSingleton<LocalModel>();
        services.AddSingleton<LlamaChatClient>();
        services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<LlamaChatClient>());
        services.AddSingleton<IPromptTokenCounter, LlamaPromptTokenCounter>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LocalLlmOptions>>().Value.ToAnswerSettings());
        services.AddChatAnswerModel();
        services.AddHostedService<LocalModelStartupCheck>();
        return services;
    }
}
