using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ask.Answering.ChatModel.Prompts;
using Ask.Core;
using Ask.Core.Evaluation;
using Microsoft.Extensions.AI;

namespace Ask.Answering.ChatModel.Evaluation;

/// <summary>
/// Fact verdicts from the configured chat model, whichever provider serves it. A judge is not deterministic even at temperature 0, so
/// each answer is judged by an odd number of votes (temperature 0, fixed seeds) and the majority decides.
/// A vote that cannot be parsed counts for nothing; a fact with no majority of usable votes is
/// unscorable (null), never a guess — the report counts those apart and the gate limits them.
/// </summary>
internal sealed class LlmFactJudge(StructuredChat chat, ChatAnswerSettings settings, PromptLibrary prompts, int votes) : IFactJudge
{
    private const string SchemaName = "fact_verdicts";

    private readonly PromptTemplate _prompt = prompts.Get(PromptNames.Judge, PromptNames.JudgeVersion);

    public string Method => "llm";

    public async Task<IReadOnlyList<FactVerdict>> JudgeAsync(string question, string answer, IReadOnlyList<string> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0) return [];
        ChatMessage[] messages =
        [
            new(ChatRole.System, _prompt.System),
            new(ChatRole.User, _prompt.Render("user", new Dictionary<string, string>
            {
                ["question"] = SourceRenderer.Content(question),
                ["answer"] = SourceRenderer.Content(answer),
                ["facts"] = string.Join('\n', facts.Select((f, i) => $"{i + 1}. {SourceRenderer.Content(f)}")),
            })),
        ];
        var format = ChatResponseFormat.ForJsonSchema(Schema(facts.Count, settings.BoundedSchema), SchemaName);

        var tally = new (int Yes, int No)[facts.Count];
        for (var vote = 0; vote < votes; vote++)
        {
            var options = new ChatOptions
            {
                Temperature = 0,
                Seed = (settings.Seed ?? 42) + vote,
                MaxOutputTokens = 64 + 24 * facts.Count,
                ResponseFormat = format,
            };
            string? text;
            try
            {
                var reply = await chat.SendAsync(_prompt.Id, messages, options, cancellationToken);
                text = reply.FinishReason == ChatFinishReason.Stop && ModelRefusal.Find(reply) is null ? reply.Text : null;
            }
            catch (AskException e) when (e.IsTransient)
            {
                text = null;
            }
            foreach (var (fact, stated) in Parse(text, facts.Count))
                tally[fact] = stated ? (tally[fact].Yes + 1, tally[fact].No) : (tally[fact].Yes, tally[fact].No + 1);
        }
        return facts.Select((fact, i) => Verdict(fact, tally[i].Yes, tally[i].No)).ToArray();
    }

    private FactVerdict Verdict(string fact, int yes, int no)
    {
        var cast = yes + no;
        var note = string.Create(CultureInfo.InvariantCulture, $"{yes} of {cast} usable votes say stated ({votes - cast} unusable)");
        // A majority of all votes, not only of the usable ones: two broken votes and one "yes" prove nothing.
        var majority = votes / 2 + 1;
        bool? supported = yes >= majority ? true : no >= majority ? false : null;
        return new FactVerdict(fact, supported, cast == 0 ? null : Math.Round(yes / (double)cast, 4), note);
    }

    /// <summary>The (fact index, stated) pairs of a reply; nothing at all when its shape is wrong anywhere.</summary>
    internal static IReadOnlyList<(int Fact, bool Stated)> Parse(string? text, int facts)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        try
        {
            using var json = JsonDocument.Parse(text);
            if (!json.RootElement.TryGetProperty("verdicts", out var verdicts) || verdicts.ValueKind != JsonValueKind.Array) return [];
            var seen = new Dictionary<int, bool>();
            foreach (var v in verdicts.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Object
                    || !v.TryGetProperty("fact", out var f) || f.ValueKind != JsonValueKind.Number || !f.TryGetInt32(out var number)
                    || number < 1 || number > facts
                    || !v.TryGetProperty("stated", out var s) || s.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                    || !seen.TryAdd(number, s.GetBoolean()))
                    return [];
            }
            return seen.Select(p => (p.Key - 1, p.Value)).ToArray();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// The verdicts' schema. A provider that enforces every keyword (a grammar) also gets the fact numbers as an enum
    /// and exactly one verdict per fact, so even a weak model's vote is usable; strict structured outputs get the
    /// plain form, which they accept.
    /// </summary>
    internal static JsonElement Schema(int facts, bool bounded)
    {
        var fact = new JsonObject { ["type"] = "integer", ["description"] = $"the fact's number, 1 to {facts.ToString(CultureInfo.InvariantCulture)}" };
        var verdicts = new JsonObject
        {
            ["type"] = "array",
            ["items"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["fact"] = fact, ["stated"] = new JsonObject { ["type"] = "boolean" } },
                ["required"] = new JsonArray("fact", "stated"),
                ["additionalProperties"] = false,
            },
        };
        if (bounded)
        {
            fact["enum"] = new JsonArray(Enumerable.Range(1, facts).Select(n => (JsonNode)n).ToArray());
            verdicts["minItems"] = facts;
            verdicts["maxItems"] = facts;
        }
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["verdicts"] = verdicts },
            ["required"] = new JsonArray("verdicts"),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }
}
