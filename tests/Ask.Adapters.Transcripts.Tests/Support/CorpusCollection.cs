namespace Ask.Adapters.Transcripts.Tests.Support;

/// <summary>The corpus tests run alone, so the read time they print is not shared with other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CorpusCollection
{
    public const string Name = "Corpus";
}
