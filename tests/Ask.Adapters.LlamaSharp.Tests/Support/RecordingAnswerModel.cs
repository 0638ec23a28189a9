using Ask.Core.Answering;

namespace Ask.Adapters.LlamaSharp.Tests.Support;

/// <summary>Passes calls to a real model and keeps its replies, so a test can see what the service was given.</summary>
internal sealed class RecordingAnswerModel(IAnswerModel inner) : IAnswerModel
{
    public List<ModelReply> Replies { get; } = [];

    public string Name => inner.Name;

    public async Task<ModelReply> ComposeAsync(AnswerPrompt prompt, CancellationToken cancellationToken)
    {
        var reply = await inner.ComposeAsync(prompt, cancellationToken);
        Replies.Add(reply);
        return reply;
    }

    public Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken) =>
        inner.RewriteAsync(question, history, cancellationToken);
}
