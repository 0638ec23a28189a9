using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Ask.Adapters.Qdrant;
using Ask.Adapters.Slack;
using Ask.Adapters.Transcripts;
using Ask.Answering.ChatModel;
using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Evaluation;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Ask.Hosting;
using Ask.Web.Endpoints;
using Ask.Web.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Web.Tests;

/// <summary>
/// The configuration table in docs/configuration.md and the options classes say the same thing: every
/// key a class binds is documented, every documented key binds, and every short variable
/// (<c>ASK_STORE</c>) is documented beside the key it sets.
/// </summary>
public sealed partial class ConfigurationDocsTests
{
    private static readonly (Type Type, string Section)[] OptionsClasses =
    [
        (typeof(AskOptions), AskOptions.Section),
        (typeof(ChunkingOptions), ChunkingOptions.Section),
        (typeof(RetrievalOptions), RetrievalOptions.Section),
        (typeof(IngestionOptions), IngestionOptions.Section),
        (typeof(EmbeddingSettings), EmbeddingSettings.Section),
        (typeof(EpisodeReaderOptions), EpisodeReaderOptions.Section),
        (typeof(QdrantOptions), QdrantOptions.Section),
        (typeof(AnswerOptions), AnswerOptions.Section),
        (typeof(EvaluationOptions), EvaluationOptions.Section),
        (typeof(LlmOptions), LlmOptions.Section),
        (typeof(SlackOptions), SlackOptions.Section),
        (typeof(ObservabilityOptions), ObservabilityOptions.Section),
        (typeof(ApiLimitsOptions), ApiLimitsOptions.Section),
    ];

    [Fact]
    public void EveryBindableSettingIsDocumentedAndEveryDocumentedSettingBinds()
    {
        var documented = Rows().SelectMany(r => r.Settings).ToHashSet(StringComparer.Ordinal);
        var bindable = OptionsClasses.SelectMany(c => Keys(c.Type, c.Section)).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(bindable.Except(documented).Order());
        Assert.Empty(documented.Except(bindable).Order());
    }

    [Fact]
    public void EveryShortVariableIsDocumentedBesideTheSettingItSets()
    {
        var rows = Rows();
        foreach (var (variable, key) in AskEnvironmentVariables.Map)
            Assert.True(rows.Any(r => r.Variables.Contains(variable) && r.Settings.Contains(key)), $"{variable} → {key} is not a row of docs/configuration.md");
        foreach (var row in rows)
            foreach (var variable in row.Variables.Where(v => ShortVariable().IsMatch(v)))
                Assert.True(AskEnvironmentVariables.Map.TryGetValue(variable, out var key) && row.Settings.Contains(key),
                    $"docs/configuration.md documents {variable} beside {string.Join(", ", row.Settings)}, but it sets {key ?? "nothing"}");
    }

    /// <summary>
    /// Both providers read the one <see cref="LlmOptions"/> class, so every documented <c>Llm:*</c> key, and every
    /// variable the docs give for one, must set it: a sample value (never the default) set by each documented name
    /// comes back from the class as the providers register it.
    /// </summary>
    [Fact]
    public void EveryDocumentedLlmKeyAndVariableBindsTheOneLlmOptionsClass()
    {
        var names = Rows().SelectMany(Names).Where(n => n.Key.StartsWith(LlmOptions.Section + ":", StringComparison.Ordinal)).ToList();
        var defaults = new LlmOptions();

        foreach (var (name, key) in names)
        {
            var path = key.Split(':')[1..];
            var (text, expected) = Sample(PropertyAt(path).PropertyType);
            Assert.NotEqual(expected, ValueAt(defaults, path));
            var configuration = ShortVariable().IsMatch(name)
                ? new ConfigurationBuilder().AddAskEnvironmentVariables(new Dictionary<string, string?> { [name] = text }).Build()
                : new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [name.Replace("__", ":", StringComparison.Ordinal)] = text }).Build();

            Assert.True(Equals(expected, ValueAt(AsRegistered(configuration), path)), $"{name} = {text} did not set {key}");
        }
        // The short variables and the nested Retry and CircuitBreaker keys are among them.
        Assert.Contains(names, n => n.Name == "ASK_LLM_CONTEXT_TOKENS");
        Assert.Contains(names, n => n.Key == "Llm:CircuitBreaker:SamplingDuration");
    }

    /// <summary>A row's documented names with the key each sets: the keys themselves, then its variables.</summary>
    private static IEnumerable<(string Name, string Key)> Names(Row row)
    {
        foreach (var setting in row.Settings) yield return (setting, setting);
        foreach (var variable in row.Variables)
        {
            if (AskEnvironmentVariables.Map.TryGetValue(variable, out var key)) yield return (variable, key);
            else if (variable.Contains("__", StringComparison.Ordinal)) yield return (variable, variable.Replace("__", ":", StringComparison.Ordinal));
        }
    }

    /// <summary>The options the providers' <see cref="ChatModelServiceCollectionExtensions.AddLlmOptions"/> binds, before its checks.</summary>
    private static LlmOptions AsRegistered(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddLlmOptions(configuration.GetSection(LlmOptions.Section)).Services.BuildServiceProvider();
        var options = new LlmOptions();
        foreach (var configure in services.GetServices<IConfigureOptions<LlmOptions>>()) configure.Configure(options);
        return options;
    }

    private static PropertyInfo PropertyAt(string[] path)
    {
        var type = typeof(LlmOptions);
        PropertyInfo? property = null;
        foreach (var name in path)
        {
            property = type.GetProperty(name) ?? throw new Xunit.Sdk.XunitException($"LlmOptions has no {string.Join(":", path)}");
            type = property.PropertyType;
        }
        return property!;
    }

    private static object? ValueAt(object? target, string[] path)
    {
        foreach (var name in path) target = target!.GetType().GetProperty(name)!.GetValue(target);
        return target;
    }

    private static (string Text, object Value) Sample(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => ("sample-value", "sample-value"),
        var t when t == typeof(Uri) => ("http://sample.example/v1", new Uri("http://sample.example/v1")),
        var t when t == typeof(int) => ("4242", 4242),
        var t when t == typeof(long) => ("4243", 4243L),
        var t when t == typeof(double) => ("0.625", 0.625),
        var t when t == typeof(bool) => ("false", false),
        var t when t == typeof(TimeSpan) => ("00:07:13", TimeSpan.Parse("00:07:13", System.Globalization.CultureInfo.InvariantCulture)),
        var t => throw new Xunit.Sdk.XunitException($"no sample value for {t}"),
    };

    private sealed record Row(IReadOnlyList<string> Variables, IReadOnlyList<string> Settings);

    /// <summary>The rows of the tables whose header starts "variable | setting".</summary>
    private static List<Row> Rows()
    {
        var rows = new List<Row>();
        var inTable = false;
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot(), "docs", "configuration.md")))
        {
            if (!line.StartsWith('|')) { inTable = false; continue; }
            var cells = line.Split('|').Skip(1).ToArray();
            if (cells[0].Trim() == "variable" && cells[1].Trim() == "setting") { inTable = true; continue; }
            if (!inTable || cells[0].TrimStart().StartsWith("---", StringComparison.Ordinal)) continue;
            rows.Add(new Row(Code(cells[0]), Code(cells[1])));
        }
        Assert.NotEmpty(rows);
        return rows;
    }

    private static List<string> Code(string cell) => CodeSpan().Matches(cell).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Configuration keys a class binds: settable public properties, nested option classes by their path.</summary>
    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true }) continue;
            var key = prefix + ":" + property.Name;
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (t.IsClass && t != typeof(string) && t != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(t))
                foreach (var nested in Keys(t, key)) yield return nested;
            else yield return key;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docs", "configuration.md"))) return dir.FullName;
        throw new InvalidOperationException("docs/configuration.md not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("^(ASK|QDRANT|SLACK)_[A-Z0-9_]+$")]
    private static partial Regex ShortVariable();
}
