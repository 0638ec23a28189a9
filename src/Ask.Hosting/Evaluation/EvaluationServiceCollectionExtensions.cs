using Ask.Answering.ChatModel;
using Ask.Core.Answering;
using Ask.Core.Evaluation;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Hosting.Evaluation;

public static class EvaluationServiceCollectionExtensions
{
    /// <summary>The golden-set evaluator over the services <see cref="AskServiceCollectionExtensions.AddAsk"/> registered.</summary>
    public static IServiceCollection AddAskEvaluation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<EvaluationOptions, EvaluationOptionsValidator>(configuration.GetSection(EvaluationOptions.Section));
        // With a language model configured (any provider) its verdicts are the better judge; without one, embeddings decide.
        var evaluation = configuration.GetSection(EvaluationOptions.Section).Get<EvaluationOptions>() ?? new EvaluationOptions();
        if (services.Any(d => d.ServiceType == typeof(IAnswerModel)) && evaluation.Judge != FactJudgeKind.Embedding)
            services.AddChatFactJudge(evaluation.JudgeVotes);
        else
            services.AddSingleton<IFactJudge>(sp => new EmbeddingFactJudge(
                sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
                sp.GetRequiredService<IOptions<EvaluationOptions>>().Value.FactMatchThreshold));
        services.AddSingleton(sp => new GoldenSetEvaluator(
            sp.GetRequiredService<Retriever>(), sp.GetRequiredService<AnswerService>(), sp.GetRequiredService<IFactJudge>()));
        return services;
    }
}
