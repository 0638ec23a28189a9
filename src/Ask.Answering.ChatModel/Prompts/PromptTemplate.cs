using System.Text.RegularExpressions;
using Ask.Core;

namespace Ask.Answering.ChatModel.Prompts;

/// <summary>
/// One versioned prompt file: its sections (<c>system</c>, <c>user</c>, and any others such as
/// <c>repair</c>) with <c>{{placeholders}}</c>.
/// </summary>
/// <param name="Path">The file it was read from, for messages.</param>
public sealed partial record PromptTemplate(string Name, int Version, string Path, IReadOnlyDictionary<string, string> Sections)
{
    /// <summary>Name and version as recorded with answers: <c>answer.v1</c>.</summary>
    public string Id => $"{Name}.v{Version}";

    public string System => Section("system");
    public string User => Section("user");

    public string Section(string section) => Sections.TryGetValue(section, out var text)
        ? text
        : throw new AskException($"Prompt file '{Path}' has no '{section}' section.");

    /// <summary>
    /// Fills a section's placeholders in one pass, so a value that itself contains <c>{{sources}}</c>
    /// (a question, a transcript line) is never expanded. A placeholder without a value is an error.
    /// </summary>
    public string Render(string section, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(Section(section), match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new AskException($"Prompt file '{Path}' uses {{{{{match.Groups[1].Value}}}}} in '{section}', which the caller does not supply."));

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
