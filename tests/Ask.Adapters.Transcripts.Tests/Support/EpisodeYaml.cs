namespace Ask.Adapters.Transcripts.Tests.Support;

/// <summary>Small episode files in the DataTalks.Club format, written by the tests.</summary>
internal static class EpisodeYaml
{
    public const string Header = """
        ---
        title: 'A Test Episode'
        short: Test Episode
        season: 3
        episode: 7
        guests:
        - janedoe
        ids:
          youtube: abc123XYZ_-
        """;

    /// <summary>A complete file: <see cref="Header"/>, then <paramref name="body"/> (more keys), then the closing fence.</summary>
    public static string File(string body) => Header + "\n" + body.TrimEnd('\n') + "\n---\n\nSome markdown after the front matter.\n";
}
