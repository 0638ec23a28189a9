using Ask.Cli;
using Ask.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("ask");
    config.SetApplicationVersion(typeof(ExitCodes).Assembly.GetName().Version?.ToString() ?? "0");
    config.AddCommand<IngestCommand>("ingest")
        .WithDescription("Read episodes (files, folders or a .tar.gz/.zip URL), chunk, embed and index them.")
        .WithExample("ingest", "path/to/datatalksclub.github.io-main/_podcast")
        .WithExample("ingest", "https://github.com/DataTalksClub/datatalksclub.github.io/archive/refs/heads/main.tar.gz")
        .WithExample("ingest", "raw-captions.txt", "--episode-id", "theme-parks-to-tesla", "--title", "\"From Theme Parks to Tesla\"");
    config.AddCommand<SearchCommand>("search")
        .WithDescription("Find the moments of the archive that answer a question.")
        .WithExample("search", "\"vendor lock-in for startups\"", "--k", "5")
        .WithExample("search", "kubeflow", "--episode", "lean-mlops-for-startups", "--json");
    config.AddCommand<EvalCommand>("eval")
        .WithDescription("Measure retrieval and answers on a golden-question set; compare with a baseline report.")
        .WithExample("eval", "--golden", "tests/Golden/golden-questions.yaml")
        .WithExample("eval", "--golden", "tests/Golden/golden-questions.yaml", "--baseline", "tests/Golden/baseline-report.json");
    config.AddBranch("feedback", feedback =>
    {
        feedback.SetDescription("The Slack bot's helpful / not-helpful votes.");
        feedback.AddCommand<FeedbackExportCommand>("export")
            .WithDescription("Write voted answers as golden questions (YAML: id, question, episode, start, end, facts, tags).")
            .WithExample("feedback", "export", "--vote", "not-helpful", "--out", "new-golden.yaml");
    });
    config.SetExceptionHandler(CliErrors.Handle);
});
return await app.RunAsync(CommandLineAliases.Apply(args));
