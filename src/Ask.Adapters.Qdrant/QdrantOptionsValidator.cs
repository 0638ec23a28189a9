using Microsoft.Extensions.Options;

namespace Ask.Adapters.Qdrant;

/// <summary>Rejects configuration that cannot work, naming the key, so the process stops at boot.</summary>
internal sealed class QdrantOptionsValidator : IValidateOptions<QdrantOptions>
{
    public ValidateOptionsResult Validate(string? name, QdrantOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            failures.Add($"Qdrant:Url '{options.Url}' is not an http(s) URL such as http://localhost:6334.");
        else if (url.Port == 6333)
            failures.Add($"Qdrant:Url '{options.Url}' points at 6333, Qdrant's REST port. Qdrant.Client speaks gRPC: use port 6334 (with https for Qdrant Cloud).");
        if (string.IsNullOrWhiteSpace(options.Collection) || options.Collection.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            failures.Add($"Qdrant:Collection '{options.Collection}' must be letters, digits, '-' or '_'.");
        if (options.ShardNumber < 1) failures.Add("Qdrant:ShardNumber must be at least 1.");
        if (options.ReplicationFactor < 1) failures.Add("Qdrant:ReplicationFactor must be at least 1.");
        if (options.WriteConsistencyFactor < 1 || options.WriteConsistencyFactor > options.ReplicationFactor)
            failures.Add("Qdrant:WriteConsistencyFactor must be between 1 and Qdrant:ReplicationFactor.");
        if (options.MaxBatchBytes < 64 * 1024) failures.Add("Qdrant:MaxBatchBytes must be at least 65536.");
        if (options.CallTimeout <= TimeSpan.Zero) failures.Add("Qdrant:CallTimeout must be positive.");
        if (options.Retry.MaxRetryAttempts < 0) failures.Add("Qdrant:Retry:MaxRetryAttempts must not be negative.");
        if (options.Retry.BaseDelay < TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.BaseDelay)
            failures.Add("Qdrant:Retry:BaseDelay must be non-negative and not above Qdrant:Retry:MaxDelay.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
