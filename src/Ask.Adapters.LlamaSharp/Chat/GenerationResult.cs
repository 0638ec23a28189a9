namespace Ask.Adapters.LlamaSharp.Chat;

/// <param name="Truncated">Stopped at the output token limit rather than by the model (or the grammar) ending it.</param>
/// <param name="FirstToken">From the start of the request (context creation and prompt included) to the first output token.</param>
/// <param name="Sampling">Time spent choosing tokens (grammar included), as opposed to evaluating the model.</param>
internal sealed record GenerationResult(string Text, bool Truncated, int PromptTokens, int OutputTokens, TimeSpan FirstToken, TimeSpan Total, TimeSpan Sampling)
{
    /// <summary>Output tokens per second after the first one: the decoding speed, prompt reading excluded.</summary>
    public double TokensPerSecond => OutputTokens > 1 && Total > FirstToken ? (OutputTokens - 1) / (Total - FirstToken).TotalSeconds : 0;
}
