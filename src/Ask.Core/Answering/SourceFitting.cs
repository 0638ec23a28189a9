namespace Ask.Core.Answering;

/// <summary>
/// How many of a prompt's sources fit a model's context: the lowest-ranked go first, the rules and the
/// question never do. Shared by every provider that knows its context size.
/// </summary>
public static class SourceFitting
{
    /// <param name="sources">Sources the prompt has, best first.</param>
    /// <param name="promptTokens">Tokens the whole prompt takes with the first <c>n</c> sources.</param>
    /// <param name="budget">Tokens the prompt may take (the context less the room kept for the reply).</param>
    /// <returns>The most sources that fit, or null when not even the top one does.</returns>
    public static int? MostThatFit(int sources, Func<int, int> promptTokens, int budget)
    {
        for (var count = sources; count >= 1; count--)
            if (promptTokens(count) <= budget) return count;
        return null;
    }
}
