using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ask.Core.Answering;

namespace Ask.Web.Tests;

/// <summary>
/// Every request does bounded work: conversation tokens, history turns and questions are checked at their
/// limits through the running service, and no input produces a 500.
/// </summary>
public sealed class RequestValidationTests(SampleServiceTests.Fixture fixture) : IClassFixture<SampleServiceTests.Fixture>
{
    private HttpClient Client => fixture.Client;

    /// <summary>A token as the service writes them, around <paramref name="json"/> (not necessarily valid turns).</summary>
    private static string Token(string json)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            deflate.Write(Encoding.UTF8.GetBytes(json));
        return "c1." + Convert.ToBase64String(buffer.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>JSON of 20 valid turns, padded to exactly <paramref name="bytes"/> bytes.</summary>
    private static string TurnsOfSize(int bytes)
    {
        var turns = Enumerable.Range(0, 20).Select(i => new { Question = $"question {i} about data teams", Answer = "" }).ToList();
        var json = JsonSerializer.Serialize(turns);
        var pad = bytes - Encoding.UTF8.GetByteCount(json);
        var padded = turns.Select((t, i) => new { t.Question, Answer = i < pad / 3000 ? new string('a', 3000) : i == pad / 3000 ? new string('a', pad % 3000) : "" }).ToList();
        json = JsonSerializer.Serialize(padded);
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(json));
        return json;
    }

    private async Task<JsonElement> ProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("request_id").GetString()));
        return problem;
    }

    [Fact]
    public async Task ConversationTokenInflatingPastTheLimitIsA400NotInflated()
    {
        // 10 MB of JSON in a token below the token length limit: the bomb of the issue.
        var bomb = Token("[{\"Question\":\"" + new string('a', 10 * 1024 * 1024) + "\",\"Answer\":\"\"}]");
        Assert.True(bomb.Length < 16_384);

        var response = await Client.PostAsJsonAsync("/api/chat", new { question = "and then?", conversation_id = bomb });

        var problem = await ProblemAsync(response, "conversation_id");
        Assert.Contains(RequestLimits.MaxConversationBytes.ToString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ConversationTokenAtTheLimitIsServedAndOneByteMoreIsNot()
    {
        var atLimit = await Client.PostAsJsonAsync("/api/chat", new { question = "and then?", conversation_id = Token(TurnsOfSize(RequestLimits.MaxConversationBytes)) });
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);

        var over = await Client.PostAsJsonAsync("/api/chat", new { question = "and then?", conversation_id = Token(TurnsOfSize(RequestLimits.MaxConversationBytes + 1)) });
        await ProblemAsync(over, "conversation_id");
    }

    [Theory]
    [InlineData("[{\"Question\":null,\"Answer\":\"x\"}]", "null")]
    [InlineData("[null]", "null")]
    [InlineData("[{\"Question\":\"a\\u0000b\",\"Answer\":\"\"}]", "U+0000")]
    [InlineData("[{\"Question\":\"ok\",\"Answer\":\"a\\u001bb\"}]", "U+001B")]
    public async Task ConversationTokenWithABadTurnIsA400NamingTheField(string json, string says)
    {
        var response = await Client.PostAsJsonAsync("/api/chat", new { question = "and then?", conversation_id = Token(json) });

        var problem = await ProblemAsync(response, "conversation_id");
        Assert.Contains(says, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ConversationTokenTurnOverTheQuestionLimitIsA400()
    {
        var json = JsonSerializer.Serialize(new[] { new { Question = new string('q', RequestLimits.MaxQuestionChars + 1), Answer = "" } });

        var response = await Client.PostAsJsonAsync("/api/chat", new { question = "and then?", conversation_id = Token(json) });

        await ProblemAsync(response, "conversation_id");
    }

    [Fact]
    public async Task HistoryTurnsAreCheckedLikeQuestions()
    {
        var atLimit = await Client.PostAsJsonAsync("/api/chat", new { question = "and then?", history = new[] { new { question = new string('q', RequestLimits.MaxQuestionChars), answer = "" } } });
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);

        await ProblemAsync(await Client.PostAsJsonAsync("/api/chat", new { question = "and then?", history = new[] { new { question = new string('q', RequestLimits.MaxQuestionChars + 1), answer = "" } } }), "history[0].question");
        await ProblemAsync(await Client.PostAsync("/api/chat", Json("""{"question":"and then?","history":[{"question":null,"answer":"x"}]}""")), "history[0].question");
        await ProblemAsync(await Client.PostAsync("/api/chat", Json("""{"question":"and then?","history":[null]}""")), "history[0]");
        await ProblemAsync(await Client.PostAsync("/api/chat", Json("""{"question":"and then?","history":[{"question":"fine","answer":"a\u0000b"}]}""")), "history[0].answer");
        await ProblemAsync(await Client.PostAsync("/api/chat", Json("""{"question":"and then?","history":[{"question":"fine","answer":"x"},{"question":"a\u0007"}]}""")), "history[1].question");
        await ProblemAsync(await Client.PostAsync("/api/chat", Json("""{"question":null}""")), "question");
    }

    [Fact]
    public async Task QuestionAtTheLimitIsServed()
    {
        var response = await Client.PostAsJsonAsync("/api/chat", new { question = Words(RequestLimits.MaxQuestionChars) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheStandaloneQuestionIsCappedAndManyDistinctTermsAreNot500()
    {
        // A follow-up of a question full of distinct words: before, the rewrite appended it all and Lucene threw.
        var history = Enumerable.Range(0, RequestLimits.MaxHistoryTurns).Select(_ => new { question = Words(RequestLimits.MaxQuestionChars), answer = Words(1500) }).ToArray();

        var response = await Client.PostAsJsonAsync("/api/chat", new { question = Words(RequestLimits.MaxQuestionChars), history });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("standalone_question").GetString()!.Length <= RequestLimits.MaxQuestionChars);
    }

    [Fact]
    public async Task SearchWithManyDistinctTermsAndAtTheLimitIsServed()
    {
        var response = await Client.GetAsync("/api/search?q=" + Uri.EscapeDataString(Words(RequestLimits.MaxQuestionChars)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var over = await Client.GetAsync("/api/search?q=" + new string('a', RequestLimits.MaxQuestionChars + 1));
        await ProblemAsync(over, "q");
        var control = await Client.GetAsync("/api/search?q=a%00b");
        await ProblemAsync(control, "q");
    }

    [Fact]
    public async Task HealthNamesNoPath()
    {
        var health = await Client.GetStringAsync("/health");

        Assert.DoesNotContain(fixture.App.DataDirectory, health);
        Assert.DoesNotContain("/tmp", health);
    }

    /// <summary>Distinct made-up words (each its own search term), <paramref name="chars"/> characters in all.</summary>
    private static string Words(int chars)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < chars; i++) text.Append(text.Length == 0 ? "" : " ").Append("w").Append(i.ToString("x"));
        var words = text.ToString(0, chars);
        return words[^1] == ' ' ? words[..^1] + "x" : words;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
