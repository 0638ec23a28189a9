using System.Text;
using System.Text.Json;
using Ask.Adapters.Transcripts.Sources;

namespace Ask.Adapters.Transcripts.Json;

/// <summary>
/// The top level of a JSON transcript or chapter file: its <c>version</c> and the items of its
/// <c>segments</c> and <c>chapters</c> arrays, each with the line it starts on so a warning can name it.
/// The reader walks the file token by token (other members are skipped unparsed), refuses nesting past
/// <see cref="TranscriptLimits.MaxJsonDepth"/>, and keeps at most a set number of items.
/// </summary>
internal sealed class JsonArrays
{
    private JsonArrays() { }

    public string? Version { get; private set; }
    public List<JsonItem>? Segments { get; private set; }
    public List<JsonItem>? Chapters { get; private set; }

    /// <summary>The first line past the item cap, 0 when nothing was left out.</summary>
    public int CappedAtLine { get; private set; }
    public int LeftOutItems { get; private set; }

    /// <summary>Reads <paramref name="source"/>, or returns null with <paramref name="error"/> and its line.</summary>
    public static JsonArrays? Read(SourceText source, int maxItems, out string? error, out int errorLine)
    {
        error = null;
        errorLine = 0;
        var bytes = Encoding.UTF8.GetBytes(source.Text);
        var lines = new LineCounter(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            MaxDepth = TranscriptLimits.MaxJsonDepth,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var result = new JsonArrays();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "JSON whose top level is not an object: a transcript is {\"segments\": [...]}, chapters are {\"chapters\": [...]}";
                errorLine = 1;
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "version" when reader.TokenType == JsonTokenType.String:
                        result.Version = reader.GetString();
                        break;
                    case "segments" when reader.TokenType == JsonTokenType.StartArray:
                        result.Segments = result.ReadItems(ref reader, lines, maxItems);
                        break;
                    case "chapters" when reader.TokenType == JsonTokenType.StartArray:
                        result.Chapters = result.ReadItems(ref reader, lines, maxItems);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            errorLine = (int)(e.LineNumber ?? 0) + 1;
            error = $"not valid JSON: {FirstSentence(e.Message)}";
            return null;
        }
        return result;
    }

    private List<JsonItem> ReadItems(ref Utf8JsonReader reader, LineCounter lines, int maxItems)
    {
        var items = new List<JsonItem>();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var line = lines.LineAt(reader.TokenStartIndex);
            if (items.Count >= maxItems)
            {
                if (CappedAtLine == 0) CappedAtLine = line;
                LeftOutItems++;
                reader.Skip();
            }
            else items.Add(new JsonItem(JsonElement.ParseValue(ref reader), line, index));
            index++;
        }
        return items;
    }

    // The reader's messages end with its own position ("LineNumber: 3 | BytePositionInLine: 5."), which
    // the warning already gives as a line.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    /// <summary>1-based lines of byte offsets that only grow, counted once over the file.</summary>
    private sealed class LineCounter(byte[] bytes)
    {
        private long _offset;
        private int _line = 1;

        public int LineAt(long offset)
        {
            if (offset > _offset)
            {
                _line += bytes.AsSpan((int)_offset, (int)(offset - _offset)).Count((byte)'\n');
                _offset = offset;
            }
            return _line;
        }
    }
}
