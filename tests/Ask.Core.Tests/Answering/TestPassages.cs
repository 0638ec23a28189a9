using Ask.Core.Chunking;
using Ask.Core.Retrieval;

namespace Ask.Core.Tests.Answering;

/// <summary>Chunks and passages written out line by line, for tests that need exact text and times.</summary>
internal static class TestPassages
{
    public static Chunk Chunk(string episode, string title, double start, double end, params (string Speaker, double Sec, string Text)[] rows)
    {
        var lines = new List<ChunkLine>();
        var text = "";
        for (var i = 0; i < rows.Length; i++)
        {
            if (text.Length > 0) text += "\n";
            lines.Add(new ChunkLine(rows[i].Sec, rows[i].Speaker, text.Length, rows[i].Text.Length, i));
            text += rows[i].Text;
        }
        return new Chunk(episode, 0, title, null, start, end, text, lines) { YouTubeId = "yt-" + episode };
    }

    public static Passage Passage(string episode, string title, string speaker, string text) =>
        new([Chunk(episode, title, 0, 60, (speaker, 0, text))], 1);

    /// <summary>One passage of an episode with these guests, its lines as given, lasting 30 s past the last one.</summary>
    public static Passage Passage(string episode, string[] guests, params (string? Speaker, double Sec, string Text)[] rows) =>
        new([Chunk(episode, episode, rows[0].Sec, rows[^1].Sec + 30, rows.Select(r => (r.Speaker!, r.Sec, r.Text)).ToArray()) with { Guests = guests }], 1);
}
