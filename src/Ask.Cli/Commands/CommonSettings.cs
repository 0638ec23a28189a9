using System.ComponentModel;
using Ask.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ask.Cli.Commands;

/// <summary>Options every command takes.</summary>
public class CommonSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("Folder for the index, caches and other local state. Default: $ASK_DATA_DIR, else ~/.local/share/ask.")]
    public string? DataDirectory { get; init; }

    [CommandOption("--store <STORE>")]
    [Description("Where chunks are indexed: embedded (default, on disk in --data) or qdrant ($QDRANT_URL). Default: $ASK_STORE.")]
    public StoreKind? Store { get; init; }

    [CommandOption("--qdrant-url <URL>")]
    [Description("Qdrant gRPC endpoint, e.g. http://localhost:6334. Default: $QDRANT_URL.")]
    public string? QdrantUrl { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Log what happens (information level) to stderr.")]
    public bool Verbose { get; init; }

    public override ValidationResult Validate()
    {
        if (QdrantUrl is not null && !Uri.TryCreate(QdrantUrl, UriKind.Absolute, out _))
            return ValidationResult.Error($"--qdrant-url '{QdrantUrl}' is not an absolute URL.");
        return ValidationResult.Success();
    }

    /// <summary>Configuration keys set by these options; they override environment variables.</summary>
    public virtual IEnumerable<KeyValuePair<string, string?>> ToConfiguration()
    {
        if (DataDirectory is not null) yield return new("Ask:DataDirectory", DataDirectory);
        if (Store is not null) yield return new("Ask:Store", Store.ToString());
        if (QdrantUrl is not null) yield return new("Qdrant:Url", QdrantUrl);
    }
}
