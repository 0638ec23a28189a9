using System.Threading.Channels;

namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// Questions waiting to be answered. Bounded: requests are acknowledged at once and answered here in
/// the background, and when it is full the asker is told to retry — nothing is dropped silently.
/// </summary>
internal sealed class AnswerQueue(int capacity)
{
    private readonly Channel<SlackQuestion> _channel = Channel.CreateBounded<SlackQuestion>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false, SingleWriter = false });

    /// <summary>False when the queue is full; the caller tells the user.</summary>
    public bool TryEnqueue(SlackQuestion question) => _channel.Writer.TryWrite(question);

    public IAsyncEnumerable<SlackQuestion> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    public int Count => _channel.Reader.Count;
}
