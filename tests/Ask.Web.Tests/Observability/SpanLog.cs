using System.Collections.ObjectModel;
using System.Diagnostics;

namespace Ask.Web.Tests.Observability;

/// <summary>
/// Spans as OpenTelemetry's in-memory exporter adds them, from whichever thread ends them. A plain list read
/// while a late span (a Slack retry, a probe) is being added throws "Collection was modified"; the exporter
/// takes no lock, so this collection does.
/// </summary>
public sealed class SpanLog : Collection<Activity>
{
    protected override void InsertItem(int index, Activity item)
    {
        lock (Items) base.InsertItem(index, item);
    }

    public Activity[] Snapshot()
    {
        lock (Items) return [.. Items];
    }
}
