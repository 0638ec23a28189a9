namespace Ask.Core.Retrieval;

/// <summary>
/// Which words the archive uses at all. A question built around a word that no transcript contains
/// ("sourdough", "wildfire") is about something the archive does not cover, however similar its other
/// words sound; rules that refuse such questions ask here.
/// </summary>
public interface IArchiveVocabulary
{
    /// <summary>
    /// The words of <paramref name="text"/> that no indexed chunk contains, compared the way the lexical
    /// index compares words (case, plural and other inflections ignored); stop words are never unknown.
    /// </summary>
    IReadOnlyList<string> UnknownWords(string text);
}
