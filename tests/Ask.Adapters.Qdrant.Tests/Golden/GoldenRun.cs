using Ask.Adapters.Qdrant.Tests.FakeQdrant;
using Ask.Adapters.Transcripts.Samples;
using Ask.Core.Evaluation;
using Ask.Hosting.Evaluation;

namespace Ask.Adapters.Qdrant.Tests.Golden;

/// <summary>
/// Ingests the same episodes into both stores and runs the golden questions on each, once for all the
/// comparisons of <see cref="GoldenAnswersOnBothStoresTests"/>.
/// </summary>
public sealed class GoldenRun : IAsyncLifetime
{
    /// <summary>Archive episodes added when <c>ASK_CORPUS_DIR</c> is set: each is the answer of two or more golden questions.</summary>
    private static readonly string[] CorpusEpisodes =
    [
        "from-semiconductor-data-to-applied-machine-learning", "crisp-dm", "human-centered-ai-automatic-speech-recognition",
        "mlops-kubeflow-model-monitoring", "launch-and-build-retail-startup",
    ];

    /// <summary>
    /// Questions the sample episodes answer, beside the golden ones (which are about the archive, and which the
    /// samples alone mostly leave unanswered): without them the comparison would be one of refusals.
    /// </summary>
    private static readonly GoldenQuestion[] SampleQuestions =
    [
        new("sample-1", "What did Ravi say about vendor lock-in?", "sample-escaping-vendor-lock-in", null, null),
        new("sample-2", "Why did the warehouse bill triple?", "sample-escaping-vendor-lock-in", null, null),
        new("sample-3", "Which part of the lock-in hurt the most?", "sample-escaping-vendor-lock-in", null, null),
        new("sample-4", "How many parcel scan events are there per day?", "sample-escaping-vendor-lock-in", null, null),
        new("sample-5", "How accurate must the delivery time prediction be?", "sample-feature-store-delivery-times", null, null),
        new("sample-6", "What caused training-serving skew for kitchen load?", "sample-feature-store-delivery-times", null, null),
        new("sample-7", "Which model predicts delivery times?", "sample-feature-store-delivery-times", null, null),
        new("sample-8", "How do you monitor a fraud model before the labels arrive?", "sample-monitoring-fraud-model-without-labels", null, null),
        new("sample-9", "How is input drift measured?", "sample-monitoring-fraud-model-without-labels", null, null),
        new("sample-10", "Why do fraud labels come so late?", "sample-monitoring-fraud-model-without-labels", null, null),
        new("sample-11", "What was the worst false alarm of the drift monitoring?", "sample-monitoring-fraud-model-without-labels", null, null),
        new("sample-12", "What is a good recipe for sourdough bread?", null, null, null),
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ask-golden-stores-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(15));
    private FakeQdrantServer _server = null!;
    private StoreUnderTest _embedded = null!;
    private StoreUnderTest _qdrant = null!;

    public async Task InitializeAsync()
    {
        var ct = _timeout.Token;
        var episodes = Path.Combine(_root, "episodes");
        SampleEpisodes.WriteTo(episodes);
        if (Environment.GetEnvironmentVariable("ASK_CORPUS_DIR") is { Length: > 0 } corpus)
            foreach (var id in CorpusEpisodes) File.Copy(Path.Combine(corpus, id + ".md"), Path.Combine(episodes, id + ".md"));

        _server = await FakeQdrantServer.StartAsync();
        _embedded = StoreUnderTest.Create(Path.Combine(_root, "embedded"), new Dictionary<string, string?>());
        _qdrant = StoreUnderTest.Create(Path.Combine(_root, "qdrant"), new Dictionary<string, string?>
        {
            ["Ask:Store"] = "Qdrant",
            ["Qdrant:Url"] = _server.Url,
            ["Qdrant:Collection"] = "golden",
        });
        var embeddedIngest = await _embedded.IngestAsync(episodes, ct);
        var qdrantIngest = await _qdrant.IngestAsync(episodes, ct);
        Assert.Equal(embeddedIngest.Chunks, qdrantIngest.Chunks);
        Assert.Equal(embeddedIngest.Sentences, qdrantIngest.Sentences);

        var questions = GoldenQuestionFile.Load(Path.Combine(AppContext.BaseDirectory, "golden-questions.yaml")).Concat(SampleQuestions).ToList();
        OnEmbedded = await _embedded.EvaluateAsync(questions, ct);
        OnQdrant = await _qdrant.EvaluateAsync(questions, ct);
    }

    public IReadOnlyList<EvaluationItem> OnEmbedded { get; private set; } = [];

    public IReadOnlyList<EvaluationItem> OnQdrant { get; private set; } = [];

    public async Task DisposeAsync()
    {
        if (_qdrant is not null) await _qdrant.DisposeAsync();
        if (_embedded is not null) await _embedded.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        _timeout.Dispose();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }
}
