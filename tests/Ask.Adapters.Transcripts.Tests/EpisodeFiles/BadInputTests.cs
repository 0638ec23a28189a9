using Ask.Adapters.Transcripts.Tests.Support;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Tests.EpisodeFiles;

public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reader_BrokenYaml_SkipsWithFileLine()
    {
        // Line 1 is the stray "_", so the YAML's own line numbers are two behind the file's.
        var path = _folder.Write("broken.md", """
            _
            ---
            title: Fine
            season: 1
            transcript:
            - line: 'an unterminated quote
              sec: 4
            - line: next
            ---
            """);

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Null(result.Episode);
        Assert.Equal(SkipReason.Unreadable, result.SkipReason);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.File);
        Assert.InRange(problem.Line, 6, 9);
        Assert.StartsWith("invalid YAML", problem.Message);
        Assert.DoesNotContain("(Line:", problem.Message);
    }

    [Fact]
    public async Task Reader_BadIndentation_ReportsTheLineOfTheError()
    {
        var path = _folder.Write("indent.md", """
            ---
            title: Fine
            guests:
            - a
              b: c
            ---
            """);

        var result = await Reading.Reader().ReadOneAsync(path);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(SkipReason.Unreadable, problem.SkipReason);
        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public async Task Reader_Template_IsSkippedAsTemplate()
    {
        var path = _folder.Write("_template.md", """
            ---
            title: "{{ title }}"
            guests: [{{ guest }}]
            season: {{ season }}
            ---
            """);

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(SkipReason.Template, result.SkipReason);
        Assert.Equal(2, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public async Task Reader_BinaryFile_IsSkippedAsUnreadable()
    {
        var path = _folder.WriteBytes("image.md", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(SkipReason.Unreadable, result.SkipReason);
        Assert.Contains("binary", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public async Task Reader_EmptyFile_IsSkippedAsUnreadable()
    {
        var path = _folder.WriteBytes("empty.md", []);

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(SkipReason.Unreadable, result.SkipReason);
        Assert.Contains("empty", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public async Task Reader_UnknownFormat_IsSkippedWithFirstLine()
    {
        var path = _folder.Write("notes.txt", "\n\nJust some notes about the podcast.\nNothing timed here.\n");

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(SkipReason.Unreadable, result.SkipReason);
        Assert.Equal(3, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public async Task Reader_FrontMatterNotClosed_IsSkippedAtOpeningLine()
    {
        var path = _folder.Write("open.md", "---\ntitle: Never closed\n");

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(SkipReason.Unreadable, result.SkipReason);
        Assert.Equal(1, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public async Task Reader_MissingPath_IsReportedNotThrown()
    {
        var results = await Reading.Reader().ReadAllAsync(Path.Combine(_folder.Path, "nope.md"));

        Assert.Equal(SkipReason.Unreadable, Assert.Single(results).SkipReason);
    }

    [Fact]
    public async Task Reader_BadFilesInFolder_OtherFilesAreStillRead()
    {
        _folder.Write("a-good.md", EpisodeYaml.File("transcript:\n- line: Hi.\n  sec: 1"));
        _folder.Write("b-broken.md", "---\ntitle: [unclosed\n---\n");
        _folder.WriteBytes("c-binary.txt", [0, 1, 2, 3]);
        _folder.Write("sub/d-good.md", EpisodeYaml.File("transcript:\n- line: Hi again.\n  sec: 2"));
        _folder.WriteBytes("picture.png", [0x89, 0x50]);

        var results = await Reading.Reader().ReadAllAsync(_folder.Path);

        Assert.Equal(["a-good.md", "b-broken.md", "c-binary.txt", "d-good.md"], results.Select(r => Path.GetFileName(r.Source)));
        Assert.Equal(2, results.Count(r => r.Episode is not null));
    }

    [Fact]
    public async Task Reader_Folder_ReadsRecursivelyInOrdinalOrder()
    {
        _folder.Write("b.md", EpisodeYaml.File(""));
        _folder.Write("A/z.md", EpisodeYaml.File(""));
        _folder.Write("a.md", EpisodeYaml.File(""));
        _folder.Write(".git/ignored.md", EpisodeYaml.File(""));

        var results = await Reading.Reader().ReadAllAsync(_folder.Path, Path.Combine(_folder.Path, "a.md"));

        Assert.Equal(["z", "a", "b"], results.Select(r => r.Episode!.Id));
    }
}
