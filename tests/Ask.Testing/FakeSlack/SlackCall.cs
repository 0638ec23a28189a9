using System.Text.Json.Nodes;

namespace Ask.Testing.FakeSlack;

/// <summary>One call the bot made to the fake Slack, as it arrived.</summary>
/// <param name="Method">Web API method (<c>chat.postMessage</c>) or <c>response_url</c>.</param>
/// <param name="At">Arrival time, measured from the server's start.</param>
public sealed record SlackCall(string Method, string Path, JsonObject Body, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Query, TimeSpan At)
{
    /// <summary>The HTTP status the fake answered with (a scripted one, else 200).</summary>
    public int Status { get; init; } = 200;

    public string? Text => Body["text"]?.GetValue<string>();

    /// <summary>All mrkdwn text in the blocks, joined by newlines.</summary>
    public string BlocksText => string.Join("\n", (Body["blocks"]?.AsArray() ?? []).SelectMany(TextsOf));

    private static IEnumerable<string> TextsOf(JsonNode? block)
    {
        if (block?["text"]?["text"] is JsonValue text) yield return text.GetValue<string>();
        foreach (var element in block?["elements"]?.AsArray() ?? [])
            if (element?["type"]?.GetValue<string>() == "mrkdwn") yield return element["text"]!.GetValue<string>();
    }
}
