namespace Ask.Testing.Models;

/// <summary>
/// A llama-architecture model small enough to build in a test: a few layers, a narrow embedding and
/// random weights, with a SentencePiece-style ("llama") vocabulary of &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, the
/// 256 byte tokens and "▁" (the space marker), so it can spell any UTF-8 text and therefore any JSON.
/// What it says is noise; that it can be loaded, prompted and constrained is what tests need.
/// </summary>
public sealed record TinyLlamaModel(int EmbeddingSize = 64, int Layers = 2, int Heads = 4, int KvHeads = 2, int FeedForward = 128, int ContextLength = 4096, int WeightSeed = 7, string Architecture = "llama", string? ChatTemplate = null)
{
    public const int Unknown = 0, Begin = 1, End = 2, FirstByte = 3;

    private const int Normal = 1, UnknownType = 2, Control = 3, Byte = 6;

    public int VocabularySize => 3 + 256 + 1;

    /// <summary>Writes the model to <paramref name="path"/> and returns the path.</summary>
    public string Write(string path)
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<int> { UnknownType, Control, Control };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(Byte);
        }
        tokens.Add("\u2581");
        types.Add(Normal);
        var scores = tokens.Select((_, i) => -(float)i).ToArray();

        var headSize = EmbeddingSize / Heads;
        var kvSize = headSize * KvHeads;
        var random = new Random(WeightSeed);
        var writer = new GgufWriter()
            .String("general.architecture", Architecture)
            .String("general.name", "ask-tiny-test")
            .UInt32($"{Architecture}.context_length", (uint)ContextLength)
            .UInt32($"{Architecture}.embedding_length", (uint)EmbeddingSize)
            .UInt32($"{Architecture}.block_count", (uint)Layers)
            .UInt32($"{Architecture}.feed_forward_length", (uint)FeedForward)
            .UInt32($"{Architecture}.attention.head_count", (uint)Heads)
            .UInt32($"{Architecture}.attention.head_count_kv", (uint)KvHeads)
            .UInt32($"{Architecture}.rope.dimension_count", (uint)headSize)
            .Float32($"{Architecture}.attention.layer_norm_rms_epsilon", 1e-5f)
            .String("tokenizer.ggml.model", "llama")
            .Strings("tokenizer.ggml.tokens", tokens)
            .Floats("tokenizer.ggml.scores", scores)
            .Int32s("tokenizer.ggml.token_type", types)
            .UInt32("tokenizer.ggml.bos_token_id", Begin)
            .UInt32("tokenizer.ggml.eos_token_id", End)
            .UInt32("tokenizer.ggml.unknown_token_id", Unknown);

        if (ChatTemplate is not null) writer.String("tokenizer.chat_template", ChatTemplate);
        writer.Tensor("token_embd.weight", [EmbeddingSize, VocabularySize], Random(random, EmbeddingSize * VocabularySize, 1f));
        for (var layer = 0; layer < Layers; layer++)
        {
            var scale = 1f / MathF.Sqrt(EmbeddingSize);
            writer.Tensor($"blk.{layer}.attn_norm.weight", [EmbeddingSize], Ones(EmbeddingSize))
                .Tensor($"blk.{layer}.attn_q.weight", [EmbeddingSize, EmbeddingSize], Random(random, EmbeddingSize * EmbeddingSize, scale))
                .Tensor($"blk.{layer}.attn_k.weight", [EmbeddingSize, kvSize], Random(random, EmbeddingSize * kvSize, scale))
                .Tensor($"blk.{layer}.attn_v.weight", [EmbeddingSize, kvSize], Random(random, EmbeddingSize * kvSize, scale))
                .Tensor($"blk.{layer}.attn_output.weight", [EmbeddingSize, EmbeddingSize], Random(random, EmbeddingSize * EmbeddingSize, scale))
                .Tensor($"blk.{layer}.ffn_norm.weight", [EmbeddingSize], Ones(EmbeddingSize))
                .Tensor($"blk.{layer}.ffn_gate.weight", [EmbeddingSize, FeedForward], Random(random, EmbeddingSize * FeedForward, scale))
                .Tensor($"blk.{layer}.ffn_up.weight", [EmbeddingSize, FeedForward], Random(random, EmbeddingSize * FeedForward, scale))
                .Tensor($"blk.{layer}.ffn_down.weight", [FeedForward, EmbeddingSize], Random(random, FeedForward * EmbeddingSize, 1f / MathF.Sqrt(FeedForward)));
        }
        writer.Tensor("output_norm.weight", [EmbeddingSize], Ones(EmbeddingSize))
            .Tensor("output.weight", [EmbeddingSize, VocabularySize], Random(random, EmbeddingSize * VocabularySize, 1f / MathF.Sqrt(EmbeddingSize)));
        writer.WriteTo(path);
        return path;
    }

    private static float[] Ones(int count) => Enumerable.Repeat(1f, count).ToArray();

    private static float[] Random(Random random, int count, float scale)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return values;
    }
}
