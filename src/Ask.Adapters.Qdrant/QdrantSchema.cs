namespace Ask.Adapters.Qdrant;

/// <summary>Names shared by the collection layout, the payload and the filters.</summary>
internal static class QdrantSchema
{
    public const string DenseVectorName = "dense";
    public const string LexicalVectorName = "lexical";

    /// <summary>Collection metadata keys holding the embedding space (the size is also the dense vector's size).</summary>
    public const string ModelMetadata = "ask.embedding_model";
    public const string DimensionsMetadata = "ask.embedding_dims";
    public const string LayoutMetadata = "ask.layout";

    /// <summary>Bumped when the payload or vectors change shape; a collection of another layout needs a rebuild.</summary>
    public const long Layout = 1;

    public static class Fields
    {
        public const string EpisodeId = "episode_id";
        public const string Ordinal = "ordinal";
        public const string ChunkId = "chunk_id";
        public const string Fingerprint = "fingerprint";
        public const string EpisodeTitle = "episode_title";
        public const string Chapter = "chapter";
        public const string StartSec = "start_sec";
        public const string EndSec = "end_sec";
        public const string Text = "text";
        public const string Lines = "lines";
        /// <summary>Lower-cased guest names, for case-insensitive filtering.</summary>
        public const string Guests = "guests";
        /// <summary>Guest names as written, to rebuild the chunk.</summary>
        public const string GuestNames = "guest_names";
        public const string Speakers = "speakers";
        public const string Season = "season";
        public const string EpisodeNumber = "episode_number";
        public const string YouTubeId = "youtube_id";
        /// <summary>The podcast's id; points written before there were several podcasts have none and belong to the first archive.</summary>
        public const string PodcastId = "podcast_id";
        public const string PodcastTitle = "podcast_title";
        public const string AudioUrl = "audio_url";
        public const string PageUrl = "page_url";
    }

    public static class LineFields
    {
        public const string StartSec = "start_sec";
        public const string Speaker = "speaker";
        public const string Offset = "offset";
        public const string Length = "length";
        public const string LineIndex = "line_index";
        public const string StartIsEstimated = "estimated";
    }
}
