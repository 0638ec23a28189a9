using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ask.Web.Tests;

public sealed class ApiKeyTests : IAsyncLifetime
{
    private readonly AskApplication _app = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app.Settings["Ask:ApiKey"] = "let-me-in";
        _client = _app.CreateRealClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ApiWithoutTheKeyIs401WithoutDetails()
    {
        var response = await _client.PostAsJsonAsync("/api/chat", new { question = "hi" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain("let-me-in", problem.GetRawText());
    }

    [Fact]
    public async Task ApiWithTheKeyIsServedAndHealthNeedsNoKey()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/episodes");
        request.Headers.Add("X-Api-Key", "let-me-in");

        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
