using Ask.Adapters.Slack;
using Ask.Hosting;
using Ask.Web.Endpoints;
using Ask.Web.Observability;
using Ask.Web.Page;

// A bad setting stops the start with one line naming each key and why (StartupErrors), never a stack trace.
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        ContentRootPath = PublishedContentRoot.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
    });
    // Order: appsettings < ASPNETCORE_/DOTNET_ and Ask__ variables < the documented ASK_*/QDRANT_* variables < command line.
    builder.Configuration.AddAskEnvironmentVariables();
    builder.Configuration.AddCommandLine(args);

    builder.Services.AddProblemDetails();
    builder.Services.AddOpenApi();
    builder.Services.AddAsk(builder.Configuration);
    builder.Services.AddHostedService<StartupIngest>();
    builder.Services.AddScoped<ApiKeyFilter>();
    builder.Services.AddSingleton<AskProblemFilter>();
    builder.Services.AddChatPage();
    builder.Services.AddApiLimits(builder.Configuration);
    builder.AddAskObservability();
    builder.Services.AddAskSlack(builder.Configuration);

    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.Use((context, next) =>
    {
        context.Response.Headers[RequestId.Header] = RequestId.Of(context);
        return next(context);
    });
    app.UseAskObservability();
    app.UseRateLimiter();
    app.UseRequestTimeouts();
    app.UseChatPage();
    app.MapOpenApi();
    app.MapHealthEndpoints();
    var api = app.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>().AddEndpointFilter<AskProblemFilter>();
    api.WithRequestTimeout(ApiLimits.TimeoutPolicy);
    api.MapSearchEndpoints();
    api.MapChatEndpoints();
    app.MapSlackEndpoints();
    app.Services.ValidateOnStartNow();
    app.Run();
    return 0;
}
catch (Exception e) when (StartupErrors.Describe(e) is { } error)
{
    Console.Error.WriteLine("error: " + error);
    return 2;
}

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
