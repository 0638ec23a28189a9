using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>The file being parsed and the warnings found so far, with YAML lines mapped to file lines.</summary>
internal sealed class ParseContext(string file, int lineOffset)
{
    public string File => file;

    public List<ReadProblem> Problems { get; } = [];

    /// <param name="yamlLine">1-based line inside the front matter, or 0 when unknown.</param>
    public void Warn(int yamlLine, string message) =>
        Problems.Add(new ReadProblem(file, FileLine(yamlLine), message));

    public int FileLine(int yamlLine) => yamlLine > 0 ? yamlLine + lineOffset : 0;
}
