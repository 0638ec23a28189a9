using Ask.Core;

namespace Ask.Web.Endpoints;

/// <summary>
/// The one place an <see cref="AskException"/> thrown by an <c>/api</c> handler becomes problem+json with the
/// request id (<see cref="Problems.From"/>), so handlers hold no try/catch of their own and every endpoint
/// answers the same failure alike.
/// </summary>
internal sealed class AskProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AskException e) when (!context.HttpContext.Response.HasStarted)
        {
            return Problems.From(context.HttpContext, e);
        }
    }
}
