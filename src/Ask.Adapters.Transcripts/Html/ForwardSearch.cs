namespace Ask.Adapters.Transcripts.Html;

/// <summary>
/// Case-insensitive searches in one text from positions that only grow, each remembered: a hostile file
/// of a million unclosed <c>&lt;p&gt;</c> would otherwise rescan the rest of the text for <c>&lt;/p</c> once
/// per element, which is quadratic (a hang).
/// </summary>
internal sealed class ForwardSearch(string text)
{
    private readonly Dictionary<string, (int From, int Hit)> _last = new(StringComparer.Ordinal);

    public int Find(string needle, int from)
    {
        if (_last.TryGetValue(needle, out var last) && last.From <= from && (last.Hit < 0 || last.Hit >= from))
            return last.Hit;
        var hit = text.IndexOf(needle, from, StringComparison.OrdinalIgnoreCase);
        _last[needle] = (from, hit);
        return hit;
    }
}
