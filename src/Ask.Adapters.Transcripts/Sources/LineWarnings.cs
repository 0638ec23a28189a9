using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>
/// Per-line warnings of one file, listed up to a budget and counted beyond it: a hostile caption file
/// of a million broken lines must not turn into a million warnings held in memory and printed.
/// </summary>
internal sealed class LineWarnings(string path, List<ReadProblem> problems, int budget = LineWarnings.DefaultBudget)
{
    public const int DefaultBudget = 200;

    private int _count;

    public void Add(int line, string message)
    {
        if (_count++ < budget) problems.Add(new ReadProblem(path, line, message));
    }

    /// <summary>Adds the count of warnings past the budget, if any; call once, after the file.</summary>
    public void Finish()
    {
        if (_count > budget) problems.Add(new ReadProblem(path, 0, $"{_count - budget} more line warnings like the ones above, not listed"));
    }
}
