using System.Text.RegularExpressions;

namespace Ask.Core.Answering;

/// <summary>
/// Transcripts are third-party text. A sentence that addresses an AI ("ignore previous instructions")
/// is never quoted as an answer, even verbatim — defence in depth beside the prompt's own rules.
/// </summary>
public static partial class InstructionFilter
{
    [GeneratedRegex(@"\b(ignore|disregard|forget)\b.{0,30}\b(previous|prior|above|earlier|all)\b.{0,20}\b(instructions?|prompts?|rules)\b|\bsystem prompt\b|\byou are (now )?(an? )?(ai|assistant|language model|chatbot)\b|\b(answer|respond|reply|say) (only )?with\b.{0,40}\bcite\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Instruction();

    public static bool LooksLikeInstructions(string text) => Instruction().IsMatch(text);
}
