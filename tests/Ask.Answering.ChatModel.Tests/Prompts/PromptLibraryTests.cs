using Ask.Answering.ChatModel.Prompts;
using Ask.Core;

namespace Ask.Answering.ChatModel.Tests.Prompts;

public sealed class PromptLibraryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ask-prompts-").FullName;

    [Fact]
    public void Get_ShippedAnswerPrompt_LoadsItsSections()
    {
        var sut = new PromptLibrary();

        var prompt = sut.Get("answer", 2);

        Assert.Equal("answer.v2", prompt.Id);
        Assert.Contains("must cite a quote spoken by that person", prompt.System);
        Assert.Contains("{{question}}", prompt.User);
        Assert.Contains("{{sources}}", prompt.User);
        Assert.Contains("{{errors}}", prompt.Section("repair"));
        Assert.Contains("{{history}}", sut.Get("rewrite", 1).User);
    }

    [Fact]
    public void Get_JsonPrompts_MentionJson()
    {
        // JSON mode without the word JSON in the prompt can stream whitespace to the limit.
        var prompt = new PromptLibrary().Get("answer", 1);

        Assert.Contains("JSON", prompt.System, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_MissingFile_FailsNamingTheFile()
    {
        var sut = new PromptLibrary(_directory);

        var error = Assert.Throws<AskException>(() => sut.Get("answer", 7));

        Assert.Contains(Path.Combine(_directory, "answer.v7.yaml"), error.Message);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void Get_MalformedYaml_FailsNamingTheFileAndLine()
    {
        File.WriteAllText(Path.Combine(_directory, "answer.v1.yaml"), "name: answer\nversion: 1\nsystem: [unclosed\nuser: x\n");
        var sut = new PromptLibrary(_directory);

        var error = Assert.Throws<AskException>(() => sut.Get("answer", 1));

        Assert.Contains("answer.v1.yaml", error.Message);
        Assert.Contains("malformed", error.Message);
    }

    [Fact]
    public void Get_FileDeclaringAnotherVersion_Fails()
    {
        File.WriteAllText(Path.Combine(_directory, "answer.v2.yaml"), "name: answer\nversion: 1\nsystem: s\nuser: u\n");

        var error = Assert.Throws<AskException>(() => new PromptLibrary(_directory).Get("answer", 2));

        Assert.Contains("version: 2", error.Message);
    }

    [Fact]
    public void Render_ValueContainingAPlaceholder_IsNotExpandedAgain()
    {
        File.WriteAllText(Path.Combine(_directory, "t.v1.yaml"), "name: t\nversion: 1\nsystem: s\nuser: \"Q: {{question}} S: {{sources}}\"\n");
        var sut = new PromptLibrary(_directory).Get("t", 1);

        var text = sut.Render("user", new Dictionary<string, string> { ["question"] = "{{sources}}", ["sources"] = "none" });

        Assert.Equal("Q: {{sources}} S: none", text);
    }

    [Fact]
    public void Render_MissingValue_FailsNamingThePlaceholder()
    {
        var sut = new PromptLibrary().Get("answer", 1);

        var error = Assert.Throws<AskException>(() => sut.Render("user", new Dictionary<string, string> { ["question"] = "q" }));

        Assert.Contains("{{sources}}", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
