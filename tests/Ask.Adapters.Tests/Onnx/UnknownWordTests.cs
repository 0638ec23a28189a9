using Ask.Adapters.EmbeddedIndex;
using Ask.Adapters.Onnx;
using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Retrieval;
using Ask.Testing.Episodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Tests.Onnx;

/// <summary>
/// A question built around a word no transcript contains: a listener's own word for something said
/// differently passes, a topic the archive never touches is not answered. Real bundled MiniLM encoder,
/// real embedded index and its vocabulary.
/// </summary>
public sealed class UnknownWordTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-unknown-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;
    private EmbeddedChunkIndex _index = null!;
    private IEmbeddingGenerator<string, Embedding<float>> _embedder = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection().AddOnnxEmbeddings(new OnnxEmbeddingOptions()).BuildServiceProvider();
        _embedder = _services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        _index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);
        await TestIngestion.IngestAsync(_index, _embedder, _services.GetRequiredService<ITokenCounter>(), new ChunkingOptions { TargetWords = 40, MinWords = 5 },
            SampleTranscripts.Episode("resumes", "Resumes That Work",
                (0, "Alexey", "Why are resumes laid out the way they are?"),
                (20, "Guest", "It is like the width of railroad tracks, which decided the size of rocket boosters: old choices shape new ones."),
                (60, "Guest", "Recruiters skim a page in six seconds, so the layout matters more than the wording.")),
            SampleTranscripts.Episode("satellites", "Satellite Data for Good",
                (0, "Alexey", "What did your team do with satellite images?"),
                (20, "Guest", "We used satellite imagery to predict poverty levels in villages from the roofs of houses."),
                (60, "Guest", "Another group detected stagnant water bodies where mosquitoes breed.")));
    }

    private async Task<(IReadOnlyList<UnknownWordMatch> Matches, AnswerStatus Status)> AskAsync(string question)
    {
        var retrieval = await new Retriever(_index, _embedder, Options.Create(new RetrievalOptions())).SearchAsync(question, 3, null, default);
        var sources = AnswerSource.NumberAll(retrieval.Passages);
        // Only the word rule decides here.
        var options = Options.Create(new AnswerOptions { NotInArchiveThreshold = 0, SupportThreshold = 0, UnknownWordSupport = 1, RequireKeyTerms = false });
        var answer = await new ExtractiveAnswerer(_embedder, options, vocabulary: _index).AnswerAsync(question, retrieval.QueryVector!.Value, sources, retrieval.NearestSimilarity, default);
        return (await new UnknownWordCheck(_embedder, _index).MatchAsync(question, sources, default), answer.Answer.Status);
    }

    [Fact]
    public async Task ListenersOwnWordForSomethingSaid_NearWordInTheSources_Answered()
    {
        var (matches, status) = await AskAsync("What do old railway widths have to do with how resumes are laid out?");

        var railway = Assert.Single(matches);
        Assert.Equal("railway", railway.Word);
        Assert.Equal("railroad", railway.Closest);
        Assert.True(railway.Similarity >= new AnswerOptions().UnknownWordMatch, $"{railway.Similarity:F2}");
        Assert.Equal(AnswerStatus.Answered, status);
    }

    [Fact]
    public async Task TopicTheArchiveNeverTouches_NoNearWordInTheSources_NotInArchive()
    {
        var (matches, status) = await AskAsync("predicting wildfire from satellite imagery");

        var wildfire = Assert.Single(matches);
        Assert.Equal("wildfire", wildfire.Word);
        Assert.True(wildfire.Similarity < new AnswerOptions().UnknownWordMatch, $"{wildfire.Closest} {wildfire.Similarity:F2}");
        Assert.Equal(AnswerStatus.NotInArchive, status);
    }

    [Fact]
    public async Task EveryWordKnown_NothingToMatch()
    {
        var (matches, status) = await AskAsync("How did the team predict poverty from satellite imagery?");

        Assert.Empty(matches);
        Assert.Equal(AnswerStatus.Answered, status);
    }

    public async Task DisposeAsync()
    {
        _index.Dispose();
        await _services.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
