using System.Text;
using System.Text.Json;
using Ask.Adapters.Slack.Answering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Slack;

public static class SlackEndpoints
{
    /// <summary>
    /// <c>POST /slack/events</c>, <c>/slack/commands</c> and <c>/slack/interactivity</c>, every one signature-checked.
    /// Mapped only when <c>SLACK_SIGNING_SECRET</c> is set.
    /// </summary>
    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetService<IOptions<SlackOptions>>()?.Value;
        if (string.IsNullOrWhiteSpace(options?.SigningSecret)) return app;
        var group = app.MapGroup("/slack").WithTags("Slack").AddEndpointFilter<Endpoints.SignedBody>().ExcludeFromDescription();
        group.MapPost("/events", Events).WithName("SlackEvents");
        group.MapPost("/commands", Commands).WithName("SlackCommands");
        group.MapPost("/interactivity", InteractivityAsync).WithName("SlackInteractivity");
        return app;
    }

    private static IResult Events(HttpContext context, SlackInbox inbox)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Endpoints.SignedBody.Of(context));
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: 400, detail: "body: the event is not valid JSON.");
        }
        using var _ = document;
        var payload = document.RootElement;
        var type = payload.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "url_verification")
            return Results.Json(new { challenge = payload.TryGetProperty("challenge", out var c) ? c.GetString() : "" });
        if (type == "event_callback")
        {
            var retry = context.Request.Headers["X-Slack-Retry-Num"].ToString();
            inbox.AcceptEvent(payload, retry.Length == 0 ? null : $"{retry} ({context.Request.Headers["X-Slack-Retry-Reason"]})");
        }
        return Results.Ok();
    }

    private static IResult Commands(HttpContext context, SlackInbox inbox) =>
        Results.Json(inbox.AcceptCommand(Form(context)));

    private static async Task<IResult> InteractivityAsync(HttpContext context, SlackInbox inbox, CancellationToken cancellationToken)
    {
        var form = Form(context);
        if (!form.TryGetValue("payload", out var json)) return Results.Problem(statusCode: 400, detail: "payload: the form has no payload field.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: 400, detail: "payload: not valid JSON.");
        }
        using var _ = document;
        await inbox.AcceptInteractionAsync(document.RootElement, cancellationToken);
        return Results.Ok();
    }

    /// <summary>The form as Slack encoded it: <c>+</c> is a space, <c>%XX</c> UTF-8.</summary>
    private static Dictionary<string, string> Form(HttpContext context) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(Endpoints.SignedBody.Of(context)))
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}
