using System.Globalization;
using System.Text;
using System.Text.Json;
using Ask.Adapters.SemanticKernel.Answering;
using Ask.Adapters.SemanticKernel.Prompts;
using Ask.Core;
using Ask.Core.Evaluation;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;

namespace Ask.Adapters.SemanticKernel.Evaluation;

/// <summary>
/// Fact verdicts from the configured chat model. A judge is not deterministic even at temperature 0, so
/// each answer is judged by an odd number of votes (temperature 0, fixed seeds) and the majority decides.
/// A vote that cannot be parsed counts for nothing; a fact with no majority of usable votes is
/// unscorable (null), never a guess — the report counts those apart and the gate limits them.
/// </summary>
internal sealed class LlmFactJudge(SemanticKernelAnswerModel model, PromptLibrary prompts, int votes) : IFactJudge
{
    private const string SchemaName = "fact_verdicts";

    private readonly PromptTemplate _prompt = prompts.Get(PromptNames.Judge, PromptNames.JudgeVersion);

    public string Method => "llm";

    public async Task<IReadOnlyList<FactVerdict>> JudgeAsync(string question, string answer, IReadOnlyList<string> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0) return [];
        var history = new ChatHistory();
        history.AddSystemMessage(_prompt.System);
        history.AddUserMessage(_prompt.Render("user", new Dictionary<string, string>
        {
            ["question"] = SourceRenderer.Content(question),
            ["answer"] = SourceRenderer.Content(answer),
            ["facts"] = string.Join('\n', facts.Select((f, i) => $"{i + 1}. {SourceRenderer.Content(f)}")),
        }));

        var tally = new (int Yes, int No)[facts.Count];
        for (var vote = 0; vote < votes; vote++)
        {
            var settings = new OpenAIPromptExecutionSettings
            {
                Temperature = 0,
                Seed = (model.Options.Seed ?? 42) + vote,
                MaxTokens = 64 + 24 * facts.Count,
                ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(SchemaName, BinaryData.FromString(Schema(facts.Count)), jsonSchemaIsStrict: true),
            };
            string? text;
            try
            {
                var reply = await model.SendAsync(_prompt.Id, history, settings, cancellationToken);
                text = reply.End == CompletionEnd.Stop && reply.Refusal is null ? reply.Text : null;
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

    private static string Schema(int facts)
    {
        var schema = new StringBuilder();
        schema.Append("""{"type":"object","properties":{"verdicts":{"type":"array","items":{"type":"object","properties":{"fact":{"type":"integer","description":"the fact's number, 1 to """);
        schema.Append(facts.ToString(CultureInfo.InvariantCulture));
        schema.Append("""
            "},"stated":{"type":"boolean"}},"required":["fact","stated"],"additionalProperties":false}}},"required":["verdicts"],"additionalProperties":false}
            """.Trim());
        return schema.ToString();
    }
}
