using Microsoft.OpenApi;

namespace Ask.Web.Endpoints;

internal static class OpenApiExtensions
{
    /// <summary>
    /// Documents the problems every <c>/api</c> endpoint may answer: bad input (400) and the failures
    /// <see cref="UpstreamFailure"/> names (502, 503, 504), which <see cref="AskProblemFilter"/> writes.
    /// </summary>
    public static RouteHandlerBuilder ProducesUpstreamProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status504GatewayTimeout);

    /// <summary>
    /// Documents a JSON request body that the handler reads itself. <c>Accepts&lt;T&gt;</c> would also make
    /// routing answer other content types with 415 before the handler could say what is wrong (400).
    /// </summary>
    public static RouteHandlerBuilder WithJsonRequestBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
