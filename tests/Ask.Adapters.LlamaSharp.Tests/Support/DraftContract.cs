using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Ask.Answering.ChatModel.Schema;
using Ask.Core.Answering;

namespace Ask.Adapters.LlamaSharp.Tests.Support;

/// <summary>Reads a reply as the contract type, strictly: every property present, none unknown, no nulls where none belong.</summary>
internal static class DraftContract
{
    private static readonly JsonSerializerOptions _strict = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static DraftAnswer Parse(string json)
    {
        var draft = JsonSerializer.Deserialize<DraftAnswer>(json, _strict) ?? throw new JsonException("null");
        AssertAtMost(draft.Answer, BoundedDraftAnswerSchema.AnswerChars, "answer");
        Assert.True(draft.Citations.Count <= BoundedDraftAnswerSchema.Citations, "too many citations");
        foreach (var citation in draft.Citations)
        {
            Assert.True(citation.Marker >= 0 && citation.Source >= 0, "negative number");
            AssertAtMost(citation.Quote, BoundedDraftAnswerSchema.QuoteChars, "quote");
            AssertAtMost(citation.Start, BoundedDraftAnswerSchema.StartChars, "start");
        }
        return draft;
    }

    /// <summary>
    /// maxLength counts characters (code points), as the grammar does. A model with byte tokens can emit
    /// malformed UTF-8, which llama.cpp's grammar counts as one character per lead byte but .NET decodes
    /// into several U+FFFD; such strings are still valid JSON, and their length is not comparable.
    /// </summary>
    private static void AssertAtMost(string text, int max, string what)
    {
        if (text.Contains('\uFFFD')) return;
        var characters = text.EnumerateRunes().Count();
        Assert.True(characters <= max, $"{what} has {characters} characters, more than {max}");
    }
}
