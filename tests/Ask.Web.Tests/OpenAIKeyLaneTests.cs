using Ask.Hosting;
using Microsoft.Extensions.Configuration;

namespace Ask.Web.Tests;

/// <summary>OPENAI_API_KEY is OpenAI's: a custom endpoint never gets it as a fallback.</summary>
public sealed class OpenAIKeyLaneTests
{
    private static IConfiguration Configure(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData(null, "sk-openai")]
    [InlineData("https://api.openai.com/v1/", "sk-openai")]
    [InlineData("https://API.OPENAI.COM/v1/", "sk-openai")]
    [InlineData("http://api.openai.com/v1/", null)]
    [InlineData("https://api.openai.com.evil.example/v1/", null)]
    [InlineData("https://my-vllm.example/v1/", null)]
    [InlineData("http://localhost:11434/v1/", null)]
    public void TheFallbackGoesOnlyToOpenAIsOwnEndpoint(string? baseUrl, string? expected)
    {
        var configuration = Configure(("OPENAI_API_KEY", "sk-openai"));

        Assert.Equal(expected, OpenAIKeyLane.Fallback(null, baseUrl is null ? null : new Uri(baseUrl), configuration));
    }

    [Fact]
    public void AKeyConfiguredForTheEndpointIsAlwaysUsed()
    {
        var configuration = Configure(("OPENAI_API_KEY", "sk-openai"));

        Assert.Equal("sk-own", OpenAIKeyLane.Fallback("sk-own", new Uri("https://my-vllm.example/v1/"), configuration));
    }

    [Fact]
    public void EmbeddingsAtACustomEndpointDoNotGetTheOpenAIKey()
    {
        var custom = Configure(("OPENAI_API_KEY", "sk-openai"), ("Embeddings:Provider", "openai"), ("Embeddings:BaseUrl", "https://embeddings.example/v1/"));
        var openai = Configure(("OPENAI_API_KEY", "sk-openai"), ("Embeddings:Provider", "openai"));

        Assert.Null(EmbeddingSettings.From(custom).ApiKey);
        Assert.Equal("sk-openai", EmbeddingSettings.From(openai).ApiKey);
    }
}
