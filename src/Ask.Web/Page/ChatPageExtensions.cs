namespace Ask.Web.Page;

/// <summary>
/// The chat page at <c>/</c>: static files from <c>wwwroot</c> (no build step, nothing from a CDN). The
/// YouTube player is the only thing the page loads from elsewhere, and its policy says so.
/// </summary>
public static class ChatPageExtensions
{
    public const string PlayerOrigin = "https://www.youtube-nocookie.com";

    private static readonly string Policy = string.Join("; ",
        "default-src 'self'",
        $"frame-src {PlayerOrigin}",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static WebApplication UseChatPage(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = Policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                // Small files that change with each release: revalidate rather than serve a stale script.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
