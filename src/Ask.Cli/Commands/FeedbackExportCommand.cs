using System.ComponentModel;
using Ask.Adapters.Slack;
using Ask.Adapters.Slack.Feedback;
using Ask.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ask.Cli.Commands;

/// <summary><c>ask feedback export</c>: the Slack bot's voted answers as golden questions.</summary>
public sealed class FeedbackExportCommand : AsyncCommand<FeedbackExportCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandOption("--vote <VOTE>")]
        [Description("Which answers: not-helpful, helpful or all (default). An answer counts as helpful when it has more helpful than not-helpful votes.")]
        public string Vote { get; init; } = "all";

        [CommandOption("-o|--out <FILE>")]
        [Description("Write the YAML here instead of to stdout.")]
        public string? Out { get; init; }

        [CommandOption("--db <FILE>")]
        [Description("The feedback database. Default: slack-feedback.db in the data folder.")]
        public string? Database { get; init; }

        public override ValidationResult Validate()
        {
            if (Vote is not ("all" or "helpful" or "not-helpful"))
                return ValidationResult.Error($"--vote must be all, helpful or not-helpful (got '{Vote}').");
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string path;
        TimeProvider time;
        await using (var services = CliHost.Build(settings))
        {
            path = settings.Database ?? Path.Combine(Path.GetFullPath(services.GetRequiredService<IOptions<AskOptions>>().Value.DataDirectory), AskSlackExtensions.FeedbackFileName);
            time = services.GetRequiredService<TimeProvider>();
        }
        if (!File.Exists(path))
        {
            CliErrors.Stderr.MarkupLineInterpolated($"[yellow]No Slack feedback yet:[/] {path} does not exist. It is created when the bot first answers.");
            return ExitCodes.NothingToDo;
        }
        var voted = await new FeedbackStore(path, time).VotedAsync(cancellationToken);
        var selected = voted.Where(v => settings.Vote switch
        {
            "helpful" => v.IsHelpful,
            "not-helpful" => !v.IsHelpful,
            _ => true,
        }).ToArray();
        var yaml = GoldenQuestionWriter.Write(selected, time.GetUtcNow());
        if (settings.Out is null) Console.Out.Write(yaml);
        else
        {
            await File.WriteAllTextAsync(settings.Out, yaml, cancellationToken);
            CliErrors.Stderr.MarkupLineInterpolated($"{selected.Length} answer(s) written to {settings.Out}");
        }
        return ExitCodes.Success;
    }
}
