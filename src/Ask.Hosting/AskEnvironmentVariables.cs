using Microsoft.Extensions.Configuration;

namespace Ask.Hosting;

/// <summary>
/// The short environment variables Ask documents (<c>ASK_DATA_DIR</c>, <c>QDRANT_URL</c>, ...), mapped
/// onto the configuration keys the options bind from. The long forms (<c>Ask__DataDirectory</c>) work too.
/// </summary>
public static class AskEnvironmentVariables
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
    {
        ["ASK_DATA_DIR"] = "Ask:DataDirectory",
        ["ASK_STORE"] = "Ask:Store",
        ["ASK_EPISODES_DIR"] = "Ask:EpisodesDirectory",
        ["ASK_EPISODES_PODCAST"] = "Ask:EpisodesPodcast",
        ["ASK_API_KEY"] = "Ask:ApiKey",
        ["ASK_EMBEDDING_PROVIDER"] = "Embeddings:Provider",
        ["ASK_EMBEDDING_MODEL"] = "Embeddings:Model",
        ["ASK_EMBEDDING_BASE_URL"] = "Embeddings:BaseUrl",
        ["ASK_EMBEDDING_API_KEY"] = "Embeddings:ApiKey",
        ["ASK_CHUNK_WORDS"] = "Chunking:TargetWords",
        ["ASK_LLM_BASE_URL"] = "Llm:BaseUrl",
        ["ASK_LLM_MODEL"] = "Llm:Model",
        ["ASK_LLM_API_KEY"] = "Llm:ApiKey",
        ["ASK_LLM_CONTEXT_TOKENS"] = "Llm:ContextTokens",
        ["ASK_LLM_PROVIDER"] = "Llm:Provider",
        ["ASK_LLM_PROBE_STRUCTURED_OUTPUTS"] = "Llm:ProbeStructuredOutputs",
        ["ASK_LLM_MODEL_PATH"] = "Llm:ModelPath",
        ["ASK_LLM_THREADS"] = "Llm:Threads",
        ["ASK_LLM_MAX_OUTPUT_TOKENS"] = "Llm:MaxOutputTokens",
        ["ASK_LLM_MAX_CONCURRENCY"] = "Llm:MaxConcurrency",
        ["QDRANT_URL"] = "Qdrant:Url",
        ["QDRANT_API_KEY"] = "Qdrant:ApiKey",
        ["QDRANT_COLLECTION"] = "Qdrant:Collection",
        ["SLACK_SIGNING_SECRET"] = "Slack:SigningSecret",
        ["SLACK_BOT_TOKEN"] = "Slack:BotToken",
        ["SLACK_APP_TOKEN"] = "Slack:AppToken",
        ["SLACK_API_BASE_URL"] = "Slack:ApiBaseUrl",
        ["QDRANT_SHARD_NUMBER"] = "Qdrant:ShardNumber",
        ["QDRANT_REPLICATION_FACTOR"] = "Qdrant:ReplicationFactor",
        ["QDRANT_WRITE_CONSISTENCY_FACTOR"] = "Qdrant:WriteConsistencyFactor",
    };

    /// <summary>Adds the variables that are set; a later source (command-line options) still overrides them.</summary>
    public static IConfigurationBuilder AddAskEnvironmentVariables(this IConfigurationBuilder builder, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Map)
        {
            var value = environment is null ? Environment.GetEnvironmentVariable(variable) : environment.GetValueOrDefault(variable);
            if (!string.IsNullOrEmpty(value)) values[key] = value;
        }
        return builder.AddInMemoryCollection(values);
    }
}
