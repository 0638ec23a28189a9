using Ask.Adapters.LlamaSharp.Model;
using Ask.Testing.Models;
using Ask.Adapters.LlamaSharp.Tests.Support;
using Ask.Core;

namespace Ask.Adapters.LlamaSharp.Tests.Model;

/// <summary>Files that are not a runnable model fail to load with a message that says which file and why.</summary>
public sealed class LoadFailureTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    private string File(string name, byte[] bytes)
    {
        var path = Path.Combine(tiny.Directory, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private AskException LoadFails(string path)
    {
        var model = tiny.Load(TinyModelFixture.Options(path));
        return Assert.Throws<AskException>(() => model.Loaded);
    }

    [Fact]
    public void NotGguf_SaysWhatItStartsWith()
    {
        var path = File("weights.bin", "PK\u0003\u0004 this is a zip, not a model"u8.ToArray());

        var error = LoadFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("is not a GGUF model file", error.Message);
        Assert.Contains("0x504B0304", error.Message);
    }

    [Fact]
    public void EmptyFile_SaysSo()
    {
        var error = LoadFails(File("empty.gguf", []));

        Assert.Contains("the file is empty", error.Message);
    }

    [Fact]
    public void HeaderCutShort_SaysTheCopyIsIncomplete()
    {
        var whole = System.IO.File.ReadAllBytes(tiny.ModelPath);

        var error = LoadFails(File("cut-header.gguf", whole[..30]));

        Assert.Contains("cut short", error.Message);
    }

    [Fact]
    public void TensorDataCutShort_LlamaCppRefusesIt_WithItsReason()
    {
        var whole = System.IO.File.ReadAllBytes(tiny.ModelPath);

        var error = LoadFails(File("cut-data.gguf", whole[..(whole.Length / 2)]));

        Assert.Contains("llama.cpp could not load", error.Message);
        Assert.Contains("architecture 'llama'", error.Message);
        Assert.Contains("data is not within the file bounds", error.Message);
    }

    [Fact]
    public void UnknownArchitecture_NamedInTheMessage()
    {
        var path = new TinyLlamaModel(Architecture: "nosucharch").Write(Path.Combine(tiny.Directory, "alien.gguf"));

        var error = LoadFails(path);

        Assert.Contains("architecture 'nosucharch'", error.Message);
        Assert.Contains("unknown model architecture", error.Message);
    }

    [Fact]
    public void WrongVersion_Named()
    {
        var bytes = System.IO.File.ReadAllBytes(tiny.ModelPath)[..64];
        bytes[4] = 9;

        var error = LoadFails(File("v9.gguf", bytes));

        Assert.Contains("GGUF version 9", error.Message);
    }

    [Fact]
    public void GoodModel_LoadsOnce_AndIsShared()
    {
        var model = tiny.Load();

        var first = model.Loaded;

        Assert.Same(first, model.Loaded);
        Assert.Equal("ask-tiny-test", first.Name);
        Assert.Equal("llama", first.Architecture);
        Assert.StartsWith("chatml (fallback", first.Template.Description);
    }
}
