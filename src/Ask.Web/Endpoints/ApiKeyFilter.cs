using System.Security.Cryptography;
using System.Text;
using Ask.Hosting;
using Microsoft.Extensions.Options;

namespace Ask.Web.Endpoints;

/// <summary>
/// Optional API-key authentication: when <c>Ask:ApiKey</c> (<c>ASK_API_KEY</c>) is set, every <c>/api</c>
/// request must send it in <c>X-Api-Key</c>; compared in constant time.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<AskOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.ApiKey;
        if (string.IsNullOrEmpty(expected)) return await next(context);
        var sent = context.HttpContext.Request.Headers[Header].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected)))
            return Problems.Problem(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", $"Send the API key in the {Header} header.");
        return await next(context);
    }
}
