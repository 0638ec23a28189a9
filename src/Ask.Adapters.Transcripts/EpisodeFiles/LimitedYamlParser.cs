using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>
/// A YAML parser that refuses, event by event, what an episode file never needs and an attacker can use:
/// anchors and aliases, explicit tags, nesting deeper than <see cref="MaxDepth"/>, oversized keys and
/// scalars, and duplicate keys (all of a mapping's named at once). The representation model only ever
/// sees events this parser let through, so a self-referencing alias (which overflows YamlDotNet's stack,
/// uncatchably) never reaches it. Lines in messages are file lines: <paramref name="lineOffset"/> is
/// added to the YAML's own 1-based lines.
/// </summary>
internal sealed class LimitedYamlParser(string yaml, int lineOffset) : IParser
{
    /// <summary>Deeper than any episode file (they nest 3 levels); 50,000 levels overflow the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>A transcript line of 100,000 characters is still read; a megabyte in one value is not text.</summary>
    public const int MaxScalarChars = 1_000_000;

    public const int MaxKeyChars = 1_000;

    private readonly Parser _inner = new(new StringReader(yaml));
    private readonly Stack<Frame> _frames = new();
    private bool _hasDuplicates;

    public ParsingEvent? Current => _inner.Current;

    /// <summary>The file line of the last event read, for errors that come without a position.</summary>
    public int LastFileLine { get; private set; }

    /// <summary>A collection being read; for a mapping, whether the next node is a key, and the keys so far.</summary>
    private sealed class Frame(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;
        public bool ExpectsKey { get; set; } = true;
        public Dictionary<string, long> Keys { get; } = new(StringComparer.Ordinal);
        public List<(string Key, long FirstLine, long Line)> Duplicates { get; } = [];
    }

    public bool MoveNext()
    {
        if (!_inner.MoveNext()) return false;
        LastFileLine = FileLine(_inner.Current!.End.Line);
        Check(_inner.Current!);
        // The representation model throws at the first repeated key; read on to the end of the mapping
        // first, so the message can name every duplicate.
        while (_hasDuplicates && _inner.MoveNext()) Check(_inner.Current!);
        return true;
    }

    private void Check(ParsingEvent e)
    {
        switch (e)
        {
            case AnchorAlias alias:
                throw Refuse(e, $"alias '*{alias.Value}': anchors and aliases are not accepted (a self-referencing alias can crash a YAML reader)");
            case NodeEvent node when !node.Anchor.IsEmpty:
                throw Refuse(e, $"anchor '&{node.Anchor}': anchors and aliases are not accepted (a self-referencing alias can crash a YAML reader)");
            case NodeEvent node when !node.Tag.IsEmpty:
                throw Refuse(e, $"tag '{node.Tag}': explicit YAML tags are not accepted; episode files hold plain text");
        }
        switch (e)
        {
            case Scalar scalar:
                var isKey = IsKey();
                if (isKey && scalar.Value.Length > MaxKeyChars)
                    throw Refuse(e, Invariant($"a key of {scalar.Value.Length} characters; at most {MaxKeyChars} are accepted"));
                if (scalar.Value.Length > MaxScalarChars)
                    throw Refuse(e, Invariant($"a value of {scalar.Value.Length} characters; at most {MaxScalarChars} are accepted"));
                if (isKey) NoteKey(scalar.Value, e.Start.Line);
                Advance();
                break;
            case MappingStart or SequenceStart:
                Advance();
                if (_frames.Count >= MaxDepth)
                    throw Refuse(e, Invariant($"nested more than {MaxDepth} levels deep"));
                _frames.Push(new Frame(e is MappingStart));
                break;
            case MappingEnd:
                var mapping = _frames.Pop();
                if (mapping.Duplicates.Count > 0) throw DuplicateKeys(mapping);
                break;
            case SequenceEnd:
                _frames.Pop();
                break;
        }
    }

    private bool IsKey() => _frames.TryPeek(out var frame) && frame.IsMapping && frame.ExpectsKey;

    // A node inside a mapping alternates between key and value.
    private void Advance()
    {
        if (_frames.TryPeek(out var frame) && frame.IsMapping) frame.ExpectsKey = !frame.ExpectsKey;
    }

    private void NoteKey(string key, long line)
    {
        var frame = _frames.Peek();
        if (frame.Keys.TryAdd(key, line)) return;
        frame.Duplicates.Add((key, frame.Keys[key], line));
        _hasDuplicates = true;
    }

    // All duplicates of the mapping in one message, at the first repeated key, so one fix round is enough.
    private YamlRefusedException DuplicateKeys(Frame mapping)
    {
        var names = string.Join(", ", mapping.Duplicates.Select(d => Invariant($"'{d.Key}' (lines {FileLine(d.FirstLine)} and {FileLine(d.Line)})")));
        return new YamlRefusedException(FileLine(mapping.Duplicates[0].Line), $"duplicate keys: {names}");
    }

    private YamlRefusedException Refuse(ParsingEvent e, string reason) => new(FileLine(e.Start.Line), reason);

    private int FileLine(long yamlLine) => (int)yamlLine + lineOffset;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A limit of <see cref="LimitedYamlParser"/> was broken at <see cref="FileLine"/>.</summary>
internal sealed class YamlRefusedException(int fileLine, string reason) : Exception(reason)
{
    public int FileLine { get; } = fileLine;
}
