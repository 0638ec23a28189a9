using Ask.Core;
using Ask.Core.Answering;

namespace Ask.Testing.Answering;

/// <summary>
/// An <see cref="IAnswerModel"/> for unit tests of the answering flow: replies are played back in order
/// (a reply, or an exception to throw), and every prompt is recorded. Web tests use the real adapter
/// against a fake OpenAI server instead.
/// </summary>
public sealed class ScriptedAnswerModel : IAnswerModel
{
    private readonly Queue<Func<AnswerPrompt, ModelReply>> _replies = new();

    public string Name => "scripted";
    public List<AnswerPrompt> Prompts { get; } = [];
    public string Rewritten { get; set; } = "";

    public ScriptedAnswerModel Then(string content) => Then(_ => new ModelReply(ModelReplyKind.Completed, content, "answer.test"));

    public ScriptedAnswerModel Then(ModelReply reply) => Then(_ => reply);

    public ScriptedAnswerModel Then(Func<AnswerPrompt, ModelReply> reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    public ScriptedAnswerModel ThenThrow(Exception exception) => Then(_ => throw exception);

    public Task<ModelReply> ComposeAsync(AnswerPrompt prompt, CancellationToken cancellationToken)
    {
        Prompts.Add(prompt);
        if (!_replies.TryDequeue(out var next)) throw new InvalidOperationException($"No scripted reply left for call {Prompts.Count}.");
        return Task.FromResult(next(prompt));
    }

    public Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken) =>
        Task.FromResult(Rewritten.Length > 0 ? Rewritten : question);
}
