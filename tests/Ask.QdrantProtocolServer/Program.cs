using System.Globalization;
using System.Runtime.InteropServices;
using Ask.Adapters.Qdrant.Tests.FakeQdrant;

// Serves Qdrant's gRPC protocol from memory on 127.0.0.1 until stopped (Ctrl+C or SIGTERM). For CI and benches
// only: nothing is persisted, and only the RPCs Ask uses are implemented.
// Usage: Ask.QdrantProtocolServer [--port 6334]
var port = 6334;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--port" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536)
    {
        port = p;
        i++;
    }
    else
    {
        await Console.Error.WriteLineAsync($"Unknown or invalid argument '{args[i]}'. Usage: Ask.QdrantProtocolServer [--port 1-65535]");
        return 2;
    }
}

using var stop = new CancellationTokenSource();
// SIGINT and SIGTERM end the wait below, so the server stops and Main returns normally.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await using var server = await FakeQdrantServer.StartAsync(port);
Console.WriteLine($"Qdrant-protocol server listening on {server.Url}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
