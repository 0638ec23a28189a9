using Ask.Core.Evaluation;
using Spectre.Console;

namespace Ask.Cli.Commands;

/// <summary>A bar on a terminal; a line every ten questions when output is redirected (CI logs).</summary>
internal static class EvalProgressDisplay
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, int total, Func<IProgress<EvaluationProgress>, Task<T>> run)
    {
        if (!console.Profile.Capabilities.Interactive)
            return await run(new SynchronousProgress<EvaluationProgress>(p =>
            {
                if (p.Done % 10 == 0 || p.Done == p.Total) console.WriteLine($"evaluated {p.Done}/{p.Total} questions");
            }));

        T result = default!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("evaluating", maxValue: total);
                result = await run(new SynchronousProgress<EvaluationProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = $"evaluating {p.Done}/{p.Total} ({p.LastId})";
                }));
            });
        return result;
    }
}
