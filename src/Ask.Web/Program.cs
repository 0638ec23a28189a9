using Ask.Hosting;
using Ask.Web.Endpoints;

var builder = WebApplication.CreateBuilder(args);
// Order: appsettings < ASPNETCORE_/DOTNET_ and Ask__ variables < the documented ASK_*/QDRANT_* variables < command line.
builder.Configuration.AddAskEnvironmentVariables();
builder.Configuration.AddCommandLine(args);

builder.Services.AddProblemDetails();
builder.Services.AddAsk(builder.Configuration);
builder.Services.AddHostedService<StartupIngest>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthEndpoints();
app.MapSearchEndpoints();
app.Run();

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
