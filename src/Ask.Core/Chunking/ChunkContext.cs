using System.Text;

namespace Ask.Core.Chunking;

internal static class ChunkContext
{
    public static string Compose(Chunk chunk)
    {
        var sb = new StringBuilder(chunk.Text.Length + 128);
        if (chunk.ContextHeader)
        {
            sb.Append(chunk.EpisodeTitle);
            if (!string.IsNullOrWhiteSpace(chunk.Chapter)) sb.Append(" — ").Append(chunk.Chapter);
            sb.Append('\n');
        }
        string? lastSpeaker = null;
        foreach (var line in chunk.Lines)
        {
            // The speaker is written once per turn: names matter for "what does X think" questions,
            // repeating them on every row would only spend the encoder's token window.
            if (line.Speaker is not null && line.Speaker != lastSpeaker)
                sb.Append(line.Speaker).Append(": ");
            lastSpeaker = line.Speaker ?? lastSpeaker;
            sb.Append(chunk.Text, line.Offset, line.Length).Append('\n');
        }
        return sb.ToString().TrimEnd();
    }
}
