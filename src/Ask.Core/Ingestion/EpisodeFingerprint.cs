using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ask.Core.Episodes;

namespace Ask.Core.Ingestion;

/// <summary>
/// A hash of everything that decides an episode's chunks and vectors: its metadata, its lines, the
/// chunking settings and the embedding model. Equal fingerprint means the episode need not be re-indexed.
/// </summary>
public static class EpisodeFingerprint
{
    public static string Compute(Episode episode, string chunkingSettings, string embeddingModel)
    {
        var sb = new StringBuilder();
        sb.Append("v1|").Append(chunkingSettings).Append('|').Append(embeddingModel).Append('|');
        sb.Append(episode.Id).Append('|').Append(episode.Title).Append('|').Append(string.Join(',', episode.Guests)).Append('|');
        sb.Append(episode.Season).Append('|').Append(episode.Number).Append('|').Append(episode.YouTubeId).Append('|');
        sb.Append(episode.Duration?.TotalSeconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        // Only when there is something to say: the first archive's fingerprints must not move, or every
        // one of its episodes would be embedded again after this field was added.
        if (episode.Podcast != Podcast.DataTalksClub || episode.AudioUrl is not null || episode.PageUrl is not null)
            sb.Append("p|").Append(episode.Podcast.Id).Append('|').Append(episode.Podcast.Title).Append('|').Append(episode.AudioUrl).Append('|').Append(episode.PageUrl).Append('\n');
        foreach (var c in episode.Chapters) sb.Append("c|").Append(c.StartSec.ToString(CultureInfo.InvariantCulture)).Append('|').Append(c.Title).Append('\n');
        foreach (var l in episode.Lines)
            sb.Append(l.StartSec.ToString(CultureInfo.InvariantCulture)).Append('|').Append(l.Speaker).Append('|').Append(l.Chapter).Append('|').Append(l.Text).Append('\n');
        return Hash(sb.ToString());
    }

    /// <summary>A hash of the spoken text alone, to find one transcript filed under two names.</summary>
    public static string TranscriptHash(Episode episode)
    {
        var sb = new StringBuilder();
        foreach (var l in episode.Lines) sb.Append(l.Text.Trim()).Append('\n');
        return Hash(sb.ToString());
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
