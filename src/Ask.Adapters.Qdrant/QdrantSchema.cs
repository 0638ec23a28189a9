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
    /// <remarks>2: the answering collection beside the chunks, BM25 weights over the archive's own average length.</remarks>
    public const long Layout = 2;

    /// <summary>
    /// The alias of the answering collection is the chunks' alias plus this suffix; its physical collections are
    /// <c>{alias}{suffix}-v{N}</c>, the same N as the chunks' collection they were built with.
    /// </summary>
    public const string AnsweringSuffix = "-answering";

    /// <summary>Sparse vector of an episode point in the answering collection: the analysed terms its chunks contain.</summary>
    public const string TermsVectorName = "terms";

    /// <summary>Payload of the answering collection's points (sentences, words, episode vocabularies, the archive's state).</summary>
    public static class AnsweringFields
    {
        /// <summary><c>sentences</c>, <c>word</c>, <c>episode</c> or <c>state</c>.</summary>
        public const string Kind = "kind";
        /// <summary>Sentence keys (<c>QuotableSentences.Key</c>, 16 hex digits) of a chunk, in the order of <see cref="Vectors"/>.</summary>
        public const string Keys = "keys";
        /// <summary>Int8 vectors, base64, one per key (or the one of a word).</summary>
        public const string Vectors = "vectors";
        public const string Word = "word";
        /// <summary>An episode's distinct analysed terms.</summary>
        public const string Terms = "terms";
        /// <summary>An episode's chunk count and analysed term count, for BM25's average length.</summary>
        public const string ChunkCount = "chunk_count";
        public const string TermCount = "term_count";
        /// <summary>The state point: what the archive's lexical weights were computed with, and a value every ingest changes.</summary>
        public const string AverageTerms = "average_terms";
        public const string Generation = "generation";
    }

    public static class Kinds
    {
        public const string Sentences = "sentences";
        public const string Word = "word";
        public const string Episode = "episode";
        public const string State = "state";
    }

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
