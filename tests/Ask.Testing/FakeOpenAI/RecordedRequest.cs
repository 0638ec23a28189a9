using System.Text.Json.Nodes;

namespace Ask.Testing.FakeOpenAI;

/// <param name="At">When the request arrived, measured from the server's start.</param>
public sealed record RecordedRequest(string Path, JsonObject Body, IReadOnlyDictionary<string, string> Headers, TimeSpan At)
{
    /// <summary>Every message's text, in order, as the model would read it.</summary>
    public string MessagesText => string.Join("\n\n", Messages.Select(m => m.Content));

    public IReadOnlyList<(string Role, string Content)> Messages =>
        Body["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), ContentOf(m!["content"]))).ToArray();

    private static string ContentOf(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => "",
    };
}
