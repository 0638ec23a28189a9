using System.Text;

namespace Ask.Adapters.Transcripts.Tests.Hostile;

public enum Verdict
{
    /// <summary>The file is skipped, with the line and reason asserted.</summary>
    Refused,
    /// <summary>The episode is read, and a warning with the line and reason is asserted.</summary>
    ReadWithWarning,
    /// <summary>The episode is read whole, without a warning (a messy but valid input).</summary>
    Read,
}

/// <summary>
/// One kind of bad or messy input: the bytes of a file, what the reader must do with it, and the line and
/// words of the message that says so (line 0: the message is about the whole file).
/// </summary>
/// <param name="Sibling">An episode file written beside it (as <c>Kind.md</c>), for a chapter list to attach to.</param>
public sealed record HostileCase(string Kind, string FileName, byte[] Content, Verdict Expected, int Line, string Message, string? Sibling = null)
{
    public static HostileCase Text(string kind, string fileName, string text, Verdict expected, int line, string message) =>
        new(kind, fileName, Encoding.UTF8.GetBytes(text), expected, line, message);

    public override string ToString() => Kind;
}
