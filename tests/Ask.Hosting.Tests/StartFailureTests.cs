using Ask.Core;

namespace Ask.Hosting.Tests;

/// <summary>A store or provider name that names nothing stops the start, saying which key, what it was and what it may be.</summary>
[Collection(CompositionCollection.Name)]
public sealed class StartFailureTests(CompositionFixture fixture)
{
    [Theory]
    [InlineData("Ask:Store", "Mongo", "Ask:Store (ASK_STORE) is 'Mongo'; it must be Embedded or Qdrant.")]
    [InlineData("Ask:Store", "1", "Ask:Store (ASK_STORE) is '1'; it must be Embedded or Qdrant.")]
    [InlineData("Embeddings:Provider", "Cohere", "Embeddings:Provider (ASK_EMBEDDING_PROVIDER) is 'Cohere'; it must be Onnx or OpenAI.")]
    public async Task UnknownName_StartRefused_NamingTheKeyTheValueAndTheChoices(string key, string value, string message)
    {
        var settings = fixture.Settings(Store.Embedded, Provider.None);
        settings[key] = value;

        var error = await Assert.ThrowsAsync<AskException>(() => ComposedHost.StartAsync(settings, fixture.Ct));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task MisspeltLocalProvider_StartRefused_InsteadOfServingExtractiveAnswers()
    {
        var settings = fixture.Settings(Store.Embedded, Provider.Local);
        settings["Llm:Provider"] = "lcoal";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ComposedHost.StartAsync(settings, fixture.Ct));

        Assert.StartsWith("configuration: Llm:Model (ASK_LLM_MODEL) must name the chat model when Llm:Provider (ASK_LLM_PROVIDER) is 'lcoal' — 'local' runs a GGUF model",
            StartupErrors.Describe(error));
    }

    [Fact]
    public async Task NamesInAnotherCase_Accepted()
    {
        var settings = fixture.Settings(Store.Qdrant, Provider.Local);
        settings["Ask:Store"] = "qdrant";
        settings["Embeddings:Provider"] = "ONNX";
        settings["Llm:Provider"] = "Local";

        await using var host = await ComposedHost.StartAsync(settings, fixture.Ct);
    }
}
