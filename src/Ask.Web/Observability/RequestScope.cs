using System.Collections;

namespace Ask.Web.Observability;

/// <summary>
/// The log scope of one request: a <c>RequestId</c> property on every log record written while it is
/// handled (structured, so OTLP and JSON logs carry it as a field), printed as <c>RequestId:…</c>.
/// </summary>
internal sealed class RequestScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Key = "RequestId";

    public KeyValuePair<string, object?> this[int index] => index == 0 ? new(Key, requestId) : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => 1;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() { yield return this[0]; }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Key}:{requestId}";
}
