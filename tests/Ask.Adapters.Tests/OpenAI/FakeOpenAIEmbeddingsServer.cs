using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ask.Testing;
using Ask.Testing.Embeddings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Tests.OpenAI;

/// <summary>
/// A real HTTP server speaking OpenAI's <c>POST /v1/embeddings</c> (float and base64 encodings), with
/// vectors from <see cref="HashingEmbeddingGenerator"/> so texts sharing words are close.
/// </summary>
internal sealed class FakeOpenAIEmbeddingsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HashingEmbeddingGenerator _vectors = new("fake-embed", 48);

    public ConcurrentQueue<JsonNode> Requests { get; } = new();
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    private FakeOpenAIEmbeddingsServer(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First() + "/v1/");

    public static async Task<FakeOpenAIEmbeddingsServer> StartAsync()
    {
        var builder = LoopbackServer.CreateBuilder();
        var app = builder.Build();
        var server = new FakeOpenAIEmbeddingsServer(app);
        app.MapPost("/v1/embeddings", (Func<HttpContext, Task<IResult>>)server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        Requests.Enqueue(body!);
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        var inputs = body!["input"] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToArray() : [body["input"]!.GetValue<string>()];
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        var embeddings = await _vectors.GenerateAsync(inputs);
        var data = new JsonArray();
        for (var i = 0; i < embeddings.Count; i++)
        {
            var vector = embeddings[i].Vector.ToArray();
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }
        var response = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = body["model"]!.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["total_tokens"] = 1 },
        };
        return Results.Content(response.ToJsonString(), "application/json");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
