using Ask.Adapters.SemanticKernel.Chat;
using Ask.Answering.ChatModel;
using Ask.Testing.FakeOpenAI;
using Ask.Core.Answering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.SemanticKernel.Tests.Support;

/// <summary>
/// The shared answer model over the OpenAI-compatible provider, as a host builds it (<see cref="SemanticKernelServiceCollectionExtensions.AddSemanticKernelAnswerModel"/>),
/// pointed at a fake server, with small timeouts and delays so the suite stays fast. <see cref="StartAsync"/>
/// runs it in a started host, so its hosted services (the structured-outputs probe) run too.
/// </summary>
internal sealed class TestModel : IAsyncDisposable
{
    public const string ApiKey = "sk-test-secret-0123456789";

    private readonly IServiceProvider _services;
    private readonly IAsyncDisposable _owner;
    private readonly IHost? _host;

    private TestModel(IServiceProvider services, IAsyncDisposable owner, IHost? host, LlmOptions options, CapturingLoggerProvider logs)
    {
        _services = services;
        _owner = owner;
        _host = host;
        Options = options;
        Logs = logs;
    }

    public IAnswerModel Sut => _services.GetRequiredService<IAnswerModel>();
    public LlmOptions Options { get; }
    public CapturingLoggerProvider Logs { get; }

    /// <summary>The connector under the pipeline, one attempt at a time.</summary>
    internal LlmChatClient Connector => _services.GetRequiredService<LlmChatClient>();

    public StructuredOutputs StructuredOutputs => _services.GetRequiredService<StructuredOutputs>();

    /// <param name="time">The clock of the retry back-off and the pipeline's timeouts; the system clock when null.</param>
    public static TestModel For(FakeChatServer server, Action<LlmOptions>? configure = null, TimeProvider? time = null) =>
        For(DefaultOptions(server.BaseUrl, "test-model", ApiKey), configure, time);

    public static TestModel For(LlmOptions options, Action<LlmOptions>? configure = null, TimeProvider? time = null)
    {
        configure?.Invoke(options);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddSingleton(time ?? TimeProvider.System);
        var built = Register(services, options).BuildServiceProvider();
        return new TestModel(built, built, null, options, logs);
    }

    /// <summary>The model in a generic host, started: returns once every hosted service's start has finished.</summary>
    public static async Task<TestModel> StartAsync(FakeChatServer server, Action<LlmOptions>? configure = null)
    {
        var options = DefaultOptions(server.BaseUrl, "test-model", ApiKey);
        configure?.Invoke(options);
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddSingleton(TimeProvider.System);
        Register(builder.Services, options);
        var host = builder.Build();
        await host.StartAsync();
        return new TestModel(host.Services, (IAsyncDisposable)host, host, options, logs);
    }

    /// <summary>
    /// The provider as a host registers it, bound from an empty section and then set to <paramref name="options"/>
    /// value by value, so the options go through the same binding, validation and start-time check.
    /// </summary>
    public static IServiceCollection Register(IServiceCollection services, LlmOptions options) =>
        services.AddSemanticKernelAnswerModel(new ConfigurationBuilder().Build(), target =>
        {
            foreach (var property in typeof(LlmOptions).GetProperties().Where(p => p.CanWrite))
                property.SetValue(target, property.GetValue(options));
        });

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

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.StopAsync();
        await _owner.DisposeAsync();
    }
}
