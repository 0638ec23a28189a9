namespace Ask.Web.Page;

/// <summary>
/// The chat page at <c>/</c>: static files from <c>wwwroot</c> (no build step, nothing from a CDN). The
/// YouTube player and the audio of podcasts without video are the only things the page loads from
/// elsewhere, and its policy names exactly those (<see cref="MediaOrigins"/>).
/// </summary>
public static class ChatPageExtensions
{
    public const string PlayerOrigin = "https://www.youtube-nocookie.com";

    private const string PolicyItem = "Ask.Page.Policy";

    public static string Policy(IReadOnlyList<string> mediaOrigins) => string.Join("; ", new[]
        {
            "default-src 'self'",
            $"frame-src {PlayerOrigin}",
            mediaOrigins.Count == 0 ? null : "media-src 'self' " + string.Join(' ', mediaOrigins),
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        }.OfType<string>());

    public static IServiceCollection AddChatPage(this IServiceCollection services) => services.AddSingleton<MediaOrigins>();

    public static WebApplication UseChatPage(this WebApplication app)
    {
        var media = app.Services.GetRequiredService<MediaOrigins>();
        // Only the document's policy governs what the page loads; the origins are looked up for it alone.
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Value is "/" or "/index.html")
                context.Items[PolicyItem] = Policy(await media.GetAsync(context.RequestAborted));
            await next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = context.Context.Items[PolicyItem] as string ?? Policy([]);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                // Small files that change with each release: revalidate rather than serve a stale script.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
