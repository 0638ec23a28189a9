using Ask.Adapters.Transcripts.Sources;

namespace Ask.Adapters.Transcripts.Captions;

/// <summary>Caption text with mis-decoded UTF-8 repaired, and a warning on its line for what looks damaged but cannot be repaired safely.</summary>
internal static class RepairedText
{
    public static string Of(string text, int line, LineWarnings warnings)
    {
        var repair = CaptionRepair.Repair(text);
        foreach (var sequence in repair.Ambiguous)
            warnings.Add(line, $"'{sequence}' looks mis-decoded but cannot be repaired safely; left unchanged");
        return repair.Text;
    }
}
