using Ask.Adapters.Transcripts.Tests.Support;
using Ask.Core.Ingestion;
using Xunit.Abstractions;

namespace Ask.Adapters.Transcripts.Tests.Hostile;

/// <summary>
/// Runs the real reader over every kind of the hostile corpus in one folder. Several kinds (a
/// self-referencing alias, 50,000 nested brackets) used to overflow the stack, which kills the test host
/// outright: that this test reports at all proves none of them crashes the process any more.
/// </summary>
public sealed class HostileCorpusTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Corpus_HasAtLeastSixtyKinds_WithUniqueNames()
    {
        var kinds = HostileCorpus.Files.Select(c => c.Kind).Concat(HostileArchives.KindNames).ToList();
        output.WriteLine($"{HostileCorpus.Files.Count} file kinds + {HostileArchives.KindNames.Count} archive kinds = {kinds.Count}");
        Assert.True(kinds.Count >= 60, $"only {kinds.Count} kinds");
        Assert.Equal(kinds.Count, kinds.Distinct().Count());
        Assert.Equal(HostileCorpus.Files.Count, HostileCorpus.Files.Select(c => c.FileName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task Reader_EveryHostileFile_GetsItsVerdictAndMessage()
    {
        var paths = HostileCorpus.Files.ToDictionary(c => c, Write);

        var results = (await Reading.Reader().ReadAllAsync(_folder.Path)).ToDictionary(r => r.Source);

        var failures = new List<string>();
        foreach (var (kind, path) in paths)
        {
            // A chapter list's warnings come with the episode it attached to.
            var source = kind.Sibling is null ? path : Path.Combine(_folder.Path, kind.Kind + ".md");
            if (!results.TryGetValue(source, out var result)) { failures.Add($"{kind}: no result"); continue; }
            var failure = Judge(kind, path, result);
            if (failure is not null) failures.Add($"{kind}: {failure}\n    got: {string.Join("\n         ", result.Problems)}");
        }
        output.WriteLine($"{paths.Count} kinds read: {paths.Keys.Count(k => k.Expected == Verdict.Refused)} refused, " +
                         $"{paths.Keys.Count(k => k.Expected == Verdict.ReadWithWarning)} read with a warning, {paths.Keys.Count(k => k.Expected == Verdict.Read)} read clean");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Reader_GoodFilesOfTheCorpus_AreAllRead()
    {
        var good = HostileCorpus.Files.Where(c => c.Expected != Verdict.Refused).Select(Write).ToHashSet();

        var results = await Reading.Reader().ReadAllAsync(_folder.Path);

        Assert.Equal(good.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Episode is { HasTranscript: true }, $"{r.Source} not read: {string.Join("; ", r.Problems)}"));
    }

    private string Write(HostileCase kind)
    {
        if (kind.Sibling is not null) _folder.Write(kind.Kind + ".md", kind.Sibling);
        return _folder.WriteBytes(kind.FileName, kind.Content);
    }

    private static string? Judge(HostileCase kind, string path, EpisodeReadResult result)
    {
        switch (kind.Expected)
        {
            case Verdict.Refused:
                if (result.Episode is not null) return "was read, expected refused";
                var skip = result.Problems.First(p => p.SkipReason is not null);
                return skip.File == path && skip.Line == kind.Line && skip.Message.Contains(kind.Message, StringComparison.Ordinal)
                    ? null
                    : $"expected refused at line {kind.Line} with '{kind.Message}'";
            case Verdict.ReadWithWarning:
                if (result.Episode is not { HasTranscript: true }) return "not read";
                return result.Problems.Any(p => p.IsWarning && p.File == path && p.Line == kind.Line && p.Message.Contains(kind.Message, StringComparison.Ordinal))
                    ? null
                    : $"expected a warning at line {kind.Line} with '{kind.Message}'";
            default:
                if (result.Episode is not { HasTranscript: true }) return "not read";
                return result.Problems.Count == 0 ? null : "expected no warning";
        }
    }
}
