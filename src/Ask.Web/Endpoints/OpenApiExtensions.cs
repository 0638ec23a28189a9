using Microsoft.OpenApi;

namespace Ask.Web.Endpoints;

internal static class OpenApiExtensions
{
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
