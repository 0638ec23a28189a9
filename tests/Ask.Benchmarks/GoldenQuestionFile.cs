using Ask.Core.Evaluation;
using YamlDotNet.RepresentationModel;

namespace Ask.Benchmarks;

/// <summary>Reads the golden-question YAML (a list of items with id, question, episode, start, end, facts, tags).</summary>
internal static class GoldenQuestionFile
{
    public static IReadOnlyList<GoldenQuestion> Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path)) yaml.Load(reader);
        var root = (YamlSequenceNode)yaml.Documents[0].RootNode;
        var questions = new List<GoldenQuestion>();
        foreach (var node in root.Children.Cast<YamlMappingNode>())
        {
            string? Get(string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s && s.Value is not (null or "" or "null" or "~") ? s.Value : null;
            IReadOnlyList<string> List(string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlSequenceNode seq
                ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToArray() : [];
            var id = Get("id") ?? throw new InvalidDataException($"{path}:{node.Start.Line}: item has no id");
            questions.Add(new GoldenQuestion(id, Get("question") ?? throw new InvalidDataException($"{path}:{node.Start.Line}: {id} has no question"),
                Get("episode"), Get("start") is { } s ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null,
                Get("end") is { } e ? double.Parse(e, System.Globalization.CultureInfo.InvariantCulture) : null)
            { Facts = List("facts"), Tags = List("tags") });
        }
        return questions;
    }
}
