using Ask.Core;
using Grpc.Core;

namespace Ask.Adapters.Qdrant;

/// <summary>Turns gRPC failures into the <see cref="AskException"/> a user can act on.</summary>
internal static class QdrantErrors
{
    /// <summary>Codes where the same request may succeed later: a restarting server, a slow disk, a full queue.</summary>
    public static bool IsTransient(RpcException e) =>
        e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted
        || (e.StatusCode == StatusCode.ResourceExhausted && !IsMessageTooLarge(e));

    /// <summary>A message over the size limit fails the same way every time, whatever the code says.</summary>
    public static bool IsMessageTooLarge(RpcException e) =>
        e.Status.Detail.Contains("larger than max", StringComparison.OrdinalIgnoreCase)
        || e.Status.Detail.Contains("message length too large", StringComparison.OrdinalIgnoreCase);

    public static bool IsNotFound(RpcException e) => e.StatusCode == StatusCode.NotFound;

    public static AskException Translate(RpcException e, string operation, QdrantOptions options) => e.StatusCode switch
    {
        StatusCode.Unimplemented => new AskException(
            $"Incompatible Qdrant server version at {options.Url}: it does not implement {operation}. Ask needs Qdrant 1.16 or later on its gRPC port 6334.",
            isTransient: false, e),
        StatusCode.DeadlineExceeded => new AskException(
            $"Qdrant did not finish {operation} within {options.CallTimeout.TotalSeconds:0.###} s (Qdrant:CallTimeout).",
            isTransient: true, e),
        StatusCode.Unavailable => new AskException(
            $"Qdrant at {options.Url} is unavailable during {operation}: {e.Status.Detail} Qdrant.Client speaks gRPC on port 6334.",
            isTransient: true, e),
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => new AskException(
            $"Qdrant refused {operation}: {e.Status.Detail} Check Qdrant:ApiKey (QDRANT_API_KEY).",
            isTransient: false, e),
        _ when IsMessageTooLarge(e) => new AskException(
            $"Qdrant refused {operation} as too large: {e.Status.Detail} Lower Qdrant:MaxBatchBytes.",
            isTransient: false, e),
        _ => new AskException($"Qdrant failed {operation} ({e.StatusCode}): {e.Status.Detail}", IsTransient(e), e),
    };
}
