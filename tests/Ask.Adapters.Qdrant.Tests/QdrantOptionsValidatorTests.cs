namespace Ask.Adapters.Qdrant.Tests;

public sealed class QdrantOptionsValidatorTests
{
    private readonly QdrantOptionsValidator _sut = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(_sut.Validate(null, new QdrantOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Url", "localhost:6334")]
    [InlineData("Url", "http://localhost:6333")]
    [InlineData("Collection", "ask/chunks")]
    public void Validate_BadValue_FailsNamingTheKey(string key, string value)
    {
        var options = new QdrantOptions();
        if (key == "Url") options.Url = value; else options.Collection = value;

        var result = _sut.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Qdrant:{key}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WriteConsistencyAboveReplication_Fails()
    {
        var result = _sut.Validate(null, new QdrantOptions { ReplicationFactor = 1, WriteConsistencyFactor = 2 });

        Assert.Contains("Qdrant:WriteConsistencyFactor", result.FailureMessage, StringComparison.Ordinal);
    }
}
