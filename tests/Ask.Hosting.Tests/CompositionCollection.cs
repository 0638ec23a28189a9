namespace Ask.Hosting.Tests;

/// <summary>The tests that share one <see cref="CompositionFixture"/> (one ingest per store for the whole run).</summary>
[CollectionDefinition(Name)]
public sealed class CompositionCollection : ICollectionFixture<CompositionFixture>
{
    public const string Name = "Composition";
}
