using Ask.Adapters.Transcripts.Sources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>
/// Removes control characters and bidirectional overrides from YAML values. The file's text was cleaned
/// before parsing, but a double-quoted value can still write one as an escape (<c>"\e[2J"</c>,
/// <c>"\u202E"</c>); the value handed on is cleaned again, so no episode ever holds one.
/// </summary>
internal sealed class YamlEscapeCleaner(IParser inner, int lineOffset) : IParser
{
    private ParsingEvent? _current;
    private int _controls;
    private int _bidi;

    public ParsingEvent? Current => _current;

    public int RemovedControls => _controls;

    public int RemovedBidi => _bidi;

    /// <summary>The file line of the first value anything was removed from, or 0.</summary>
    public int FirstRemovedLine { get; private set; }

    public bool MoveNext()
    {
        if (!inner.MoveNext()) return false;
        _current = Cleaned(inner.Current!);
        return true;
    }

    private ParsingEvent Cleaned(ParsingEvent e)
    {
        if (e is not Scalar scalar || !UnsafeCharacters.Any(scalar.Value)) return e;
        var before = _controls + _bidi;
        var value = UnsafeCharacters.Strip(scalar.Value, ref _controls, ref _bidi);
        if (_controls + _bidi > before && FirstRemovedLine == 0) FirstRemovedLine = (int)e.Start.Line + lineOffset;
        return new Scalar(scalar.Anchor, scalar.Tag, value, scalar.Style, scalar.IsPlainImplicit, scalar.IsQuotedImplicit, scalar.Start, scalar.End);
    }
}
