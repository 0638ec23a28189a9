using System.Collections;

namespace Ask.Web.Observability;

/// <summary>
/// The log scope of one request: a <c>request_id</c> property (the id the API returns and users quote) on
/// every log record written while it is handled — a field in OTLP and JSON logs, <c>request_id:…</c> in text.
/// Not <c>RequestId</c>: ASP.NET Core's own scope uses that name for its connection-level identifier.
/// </summary>
internal sealed class RequestScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Key = "request_id";

    public KeyValuePair<string, object?> this[int index] => index == 0 ? new(Key, requestId) : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => 1;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() { yield return this[0]; }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Key}:{requestId}";
}
