using System.Globalization;
using Ask.Core;
using Ask.Core.Episodes;
using Ask.Core.Evaluation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ask.Hosting.Evaluation;

/// <summary>
/// Reads a golden-question file: a YAML list of items with <c>id</c>, <c>question</c>, <c>episode</c>
/// (null when the archive cannot answer), <c>start</c>/<c>end</c> seconds, optional <c>facts</c> and
/// <c>tags</c>. Other fields are ignored, so any set in this shape can be dropped in. Every problem is
/// reported with the line, the item and the field.
/// </summary>
public static class GoldenQuestionFile
{
    public static IReadOnlyList<GoldenQuestion> Load(string path)
    {
        if (!File.Exists(path)) throw new GoldenFileException(path, [$"{path}: no such file"]);
        using var reader = File.OpenText(path);
        return Parse(reader, path);
    }

    public static IReadOnlyList<GoldenQuestion> Parse(TextReader reader, string path)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new GoldenFileException(path, [$"{path}:{e.Start.Line}: not valid YAML: {e.Message}"]);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlSequenceNode root)
            throw new GoldenFileException(path, [$"{path}:1: expected a list of questions (items starting with '- id: ...')"]);

        var errors = new List<string>();
        var questions = new List<GoldenQuestion>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var position = 0;
        foreach (var node in root.Children)
        {
            position++;
            var read = node is YamlMappingNode map && map.Children.ContainsKey(new YamlScalarNode("turns"))
                ? new ItemReader(path, node, position, errors).ReadConversation()
                : new ItemReader(path, node, position, errors).Read() is { } single ? [single] : [];
            foreach (var question in read)
            {
                if (seen.TryGetValue(question.Id, out var firstLine))
                    errors.Add($"{path}:{node.Start.Line}: item '{question.Id}': field 'id': duplicate, first used on line {firstLine}");
                else
                {
                    seen[question.Id] = node.Start.Line;
                    questions.Add(question);
                }
            }
        }
        if (errors.Count > 0) throw new GoldenFileException(path, errors);
        if (questions.Count == 0) throw new GoldenFileException(path, [$"{path}: the file holds no questions"]);
        return questions;
    }

    /// <summary>Reads one item, adding what is wrong with it to the error list.</summary>
    private sealed class ItemReader(string path, YamlNode node, int position, List<string> errors)
    {
        private string _name = $"#{position}";


        /// <summary>
        /// A conversation: an <c>id</c> and <c>turns</c>, each a question item without an id plus
        /// <c>standalone</c> (<c>unchanged</c> or <c>rewrite</c>) and <c>mentions</c>. Its turns become
        /// questions <c>{id}#1</c>, <c>{id}#2</c>, … asked in order.
        /// </summary>
        public IReadOnlyList<GoldenQuestion> ReadConversation()
        {
            var map = (YamlMappingNode)node;
            var id = Text(map, "id", required: true);
            if (id is null) return [];
            _name = $"'{id}'";
            if (Value(map, "turns") is not YamlSequenceNode { Children.Count: > 0 } turns)
            {
                Error(map, "turns", "expected a non-empty list of turns");
                return [];
            }
            var questions = new List<GoldenQuestion>();
            for (var i = 0; i < turns.Children.Count; i++)
            {
                var turnNode = turns.Children[i];
                var reader = new ItemReader(path, turnNode, position, errors) { _name = $"'{id}#{i + 1}'" };
                if (reader.Read(id: $"{id}#{i + 1}") is not { } question) continue;
                var turnMap = (YamlMappingNode)turnNode;
                var standalone = reader.Text(turnMap, "standalone", required: false) ?? (i == 0 ? "unchanged" : null);
                if (standalone is not ("unchanged" or "rewrite"))
                {
                    reader.Error(Value(turnMap, "standalone") ?? turnMap, "standalone", $"expected 'unchanged' or 'rewrite', got '{standalone ?? "nothing"}'");
                    continue;
                }
                questions.Add(question with { Turn = new GoldenTurn(id, i, standalone == "unchanged", reader.List(turnMap, "mentions")) });
            }
            return questions;
        }

        public GoldenQuestion? Read(string? id = null)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, null, "expected a mapping with id, question, episode, start, end");
                return null;
            }
            var before = errors.Count;
            id ??= Text(map, "id", required: true);
            if (id is not null) _name = $"'{id}'";
            var question = Text(map, "question", required: true);
            var episode = Text(map, "episode", required: false);
            var start = Seconds(map, "start");
            var end = Seconds(map, "end");
            if (episode is not null && start is null && !Has(map, "start")) Error(map, "start", "required when 'episode' is set (the second the answer begins)");
            if (episode is null && start is not null) Error(Value(map, "episode") ?? map, "episode", "null, but 'start' is set: which episode is the span in?");
            if (start is { } s && end is { } e && e < s) Error(Value(map, "end")!, "end", $"{e} is before start {s}");
            var facts = List(map, "facts");
            var tags = List(map, "tags");
            var speaker = Text(map, "speaker", required: false);
            var podcast = Text(map, "podcast", required: false);
            if (podcast is not null && PodcastSpec.CheckId(podcast) is { } podcastError) Error(Value(map, "podcast")!, "podcast", podcastError[4..]);
            if (errors.Count > before) return null;
            // The golden file names the episode as its podcast does; the index knows it by its key.
            var key = podcast is null || episode is null ? episode : EpisodeKey.For(podcast, episode);
            return new GoldenQuestion(id!, question!, key, start, end ?? start) { Facts = facts, Tags = tags, Speaker = speaker, Podcast = podcast };
        }

        private static bool Has(YamlMappingNode map, string key) => map.Children.ContainsKey(new YamlScalarNode(key));

        private YamlNode? Value(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private static bool IsNull(YamlScalarNode scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "null" or "~" or "Null" or "NULL";

        private string? Text(YamlMappingNode map, string key, bool required)
        {
            switch (Value(map, key))
            {
                case null:
                    if (required) Error(map, key, "missing");
                    return null;
                case YamlScalarNode scalar when IsNull(scalar):
                    if (required) Error(scalar, key, "empty");
                    return null;
                case YamlScalarNode scalar when string.IsNullOrWhiteSpace(scalar.Value):
                    Error(scalar, key, "empty");
                    return null;
                case YamlScalarNode scalar:
                    return scalar.Value!.Trim();
                case var other:
                    Error(other, key, "expected text, got a " + (other is YamlSequenceNode ? "list" : "mapping"));
                    return null;
            }
        }

        private double? Seconds(YamlMappingNode map, string key)
        {
            switch (Value(map, key))
            {
                case null:
                    return null;
                case YamlScalarNode scalar when IsNull(scalar):
                    return null;
                case YamlScalarNode scalar when double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds):
                    return seconds;
                case var other:
                    Error(other, key, $"expected a number of seconds ≥ 0, got '{(other as YamlScalarNode)?.Value ?? other.NodeType.ToString()}'");
                    return null;
            }
        }

        private IReadOnlyList<string> List(YamlMappingNode map, string key)
        {
            switch (Value(map, key))
            {
                case null:
                    return [];
                case YamlScalarNode scalar when IsNull(scalar):
                    return [];
                case YamlSequenceNode sequence:
                    var values = new List<string>();
                    foreach (var child in sequence.Children)
                    {
                        if (child is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v)) values.Add(v.Trim());
                        else Error(child, key, "expected a list of non-empty texts");
                    }
                    return values;
                case var other:
                    Error(other, key, "expected a list, e.g. [opinion, keyword]");
                    return [];
            }
        }

        private void Error(YamlNode at, string? field, string message) =>
            errors.Add($"{path}:{at.Start.Line}: item {_name}{(field is null ? "" : $": field '{field}'")}: {message}");
    }
}

/// <summary>A golden-question file that does not match the expected shape; every problem is listed.</summary>
public sealed class GoldenFileException(string path, IReadOnlyList<string> errors)
    : AskException(errors.Count == 1 ? errors[0]
        : $"{path}: {errors.Count} problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors.Take(MaxShown)) + (errors.Count > MaxShown ? $"{Environment.NewLine}  … and {errors.Count - MaxShown} more" : ""))
{
    private const int MaxShown = 10;

    public IReadOnlyList<string> Errors { get; } = errors;
}
