using System.Collections.Concurrent;
using System.Globalization;
using Ask.Core;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Ask.Answering.ChatModel.Prompts;

/// <summary>
/// Reads <c>prompts/&lt;name&gt;.v&lt;N&gt;.yaml</c> files (copied next to the application) by name and
/// version. A change to a prompt is a new version file, so answers can record exactly which one they used.
/// </summary>
public sealed class PromptLibrary
{
    private static readonly IDeserializer _yaml = new DeserializerBuilder().Build();
    private readonly ConcurrentDictionary<(string Name, int Version), PromptTemplate> _loaded = new();

    /// <param name="directory">Folder holding the files; default <c>prompts/</c> next to the application.</param>
    public PromptLibrary(string? directory = null) =>
        Directory = directory ?? System.IO.Path.Combine(AppContext.BaseDirectory, "prompts");

    public string Directory { get; }

    /// <exception cref="AskException">The file is missing or malformed; the message names it.</exception>
    public PromptTemplate Get(string name, int version) => _loaded.GetOrAdd((name, version), key => Load(key.Name, key.Version));

    private PromptTemplate Load(string name, int version)
    {
        var path = System.IO.Path.Combine(Directory, $"{name}.v{version}.yaml");
        if (!File.Exists(path))
            throw new AskException($"Prompt file '{path}' was not found; prompts ship in prompts/ next to the application.");

        Dictionary<string, string>? fields;
        try
        {
            fields = _yaml.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
        }
        catch (YamlException ex)
        {
            throw new AskException($"Prompt file '{path}' is malformed at line {ex.Start.Line}: {ex.Message}", innerException: ex);
        }
        if (fields is null)
            throw new AskException($"Prompt file '{path}' is empty.");

        // The file must say what it is, so a copied-and-renamed file can't pass as another version.
        if (!fields.TryGetValue("name", out var declaredName) || declaredName != name)
            throw new AskException($"Prompt file '{path}' must declare name: {name}.");
        if (!fields.TryGetValue("version", out var declaredVersion)
            || !int.TryParse(declaredVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed != version)
            throw new AskException($"Prompt file '{path}' must declare version: {version}.");

        var sections = fields
            .Where(f => f.Key is not ("name" or "version" or "description"))
            .ToDictionary(f => f.Key, f => f.Value ?? "", StringComparer.Ordinal);
        foreach (var required in new[] { "system", "user" })
        {
            if (!sections.TryGetValue(required, out var text) || string.IsNullOrWhiteSpace(text))
                throw new AskException($"Prompt file '{path}' has no '{required}' section.");
        }
        return new PromptTemplate(name, version, path, sections);
    }
}
