using YamlDotNet.RepresentationModel;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>
/// Read access to a YAML mapping by key. Every scalar is read as the string it was written as:
/// the representation model applies no YAML 1.1 resolvers, so <c>time: 12:30</c> stays "12:30"
/// and is never turned into the base-60 integer 750.
/// </summary>
internal readonly struct YamlMap
{
    private readonly Dictionary<string, YamlNode> _children;

    private YamlMap(Dictionary<string, YamlNode> children) => _children = children;

    public static YamlMap From(YamlMappingNode node)
    {
        var children = new Dictionary<string, YamlNode>(node.Children.Count, StringComparer.Ordinal);
        foreach (var (key, value) in node.Children)
            if (key is YamlScalarNode { Value: { } name }) children.TryAdd(name, value);
        return new YamlMap(children);
    }

    public bool Has(string key) => _children.ContainsKey(key);

    public YamlNode? Node(string key) => _children.GetValueOrDefault(key);

    /// <summary>The trimmed scalar, or null when missing, empty, <c>null</c>/<c>~</c>, or not a scalar.</summary>
    public string? Text(string key) =>
        _children.GetValueOrDefault(key) is YamlScalarNode { Value: { } value } scalar
        && !(scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && value is "~" or "null" or "Null" or "NULL")
        && value.Trim() is { Length: > 0 } trimmed
            ? trimmed
            : null;

    public YamlMap? Map(string key) => _children.GetValueOrDefault(key) is YamlMappingNode map ? From(map) : null;

    /// <summary>1-based line of the key's value inside the YAML text, or 0 when the key is missing.</summary>
    public int LineOf(string key) => _children.GetValueOrDefault(key) is { } node ? (int)node.Start.Line : 0;
}
