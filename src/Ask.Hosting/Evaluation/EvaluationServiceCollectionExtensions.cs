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
        services.AddOptions<EvaluationOptions>().Bind(configuration.GetSection(EvaluationOptions.Section))
            .Validate(o => o.Tolerance >= 0 && o.Tolerances.Values.All(t => t >= 0), "Evaluation:Tolerance and Evaluation:Tolerances must not be negative.")
            .Validate(o => o.FactMatchThreshold is > 0 and <= 1, "Evaluation:FactMatchThreshold must be in (0, 1].")
            .Validate(o => o.JudgeVotes is >= 1 and <= 9 && o.JudgeVotes % 2 == 1, "Evaluation:JudgeVotes must be an odd number from 1 to 9.")
            .ValidateOnStart();
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
