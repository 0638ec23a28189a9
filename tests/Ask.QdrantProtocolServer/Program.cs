using System.Globalization;
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

// Not disposed: ProcessExit may still cancel it after Main returns.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
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
