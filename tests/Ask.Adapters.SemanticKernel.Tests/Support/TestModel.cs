using Ask.Adapters.SemanticKernel.Answering;
using Ask.Testing.FakeOpenAI;
using Ask.Core.Answering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.SemanticKernel.Tests.Support;

/// <summary>
/// The answer model as a host builds it (<see cref="SemanticKernelServiceCollectionExtensions.AddSemanticKernelAnswerModel"/>),
/// pointed at a fake server, with small timeouts and delays so the suite stays fast.
/// </summary>
internal sealed class TestModel : IAsyncDisposable
{
    public const string ApiKey = "sk-test-secret-0123456789";

    private readonly ServiceProvider _services;

    private TestModel(ServiceProvider services, LlmOptions options, CapturingLoggerProvider logs)
    {
        _services = services;
        Options = options;
        Logs = logs;
    }

    public IAnswerModel Sut => _services.GetRequiredService<IAnswerModel>();
    public LlmOptions Options { get; }
    public CapturingLoggerProvider Logs { get; }

    internal SemanticKernelAnswerModel Inner => (SemanticKernelAnswerModel)Sut;

    public static TestModel For(FakeChatServer server, Action<LlmOptions>? configure = null) => For(DefaultOptions(server.BaseUrl, "test-model", ApiKey), configure);

    public static TestModel For(LlmOptions options, Action<LlmOptions>? configure = null)
    {
        configure?.Invoke(options);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddSemanticKernelAnswerModel(options)
            .BuildServiceProvider();
        return new TestModel(services, options, logs);
    }

    public static LlmOptions DefaultOptions(Uri? baseUrl, string model, string? apiKey) => new()
    {
        BaseUrl = baseUrl,
        Model = model,
        ApiKey = apiKey,
        Timeout = TimeSpan.FromSeconds(5),
        TotalBudget = TimeSpan.FromSeconds(15),
        Retry = new LlmRetryOptions { MaxRetryAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) },
        // Out of the way unless a test is about it.
        CircuitBreaker = new LlmCircuitBreakerOptions { MinimumThroughput = 100 },
    };

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
