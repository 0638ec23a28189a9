namespace Ask.Hosting;

public enum StoreKind { Embedded, Qdrant }

/// <summary>Where Ask keeps its state and which store it serves from.</summary>
public sealed class AskOptions
{
    public const string Section = "Ask";

    /// <summary>
    /// Folder for the embedded index, the embedding cache and other local state (<c>ASK_DATA_DIR</c>).
    /// Default: <c>ask</c> under the user's local application data (<c>~/.local/share/ask</c> on Linux) —
    /// not the working directory, which <c>dotnet run</c> sets to each project's own folder, so the CLI
    /// and the service would otherwise use different indexes.
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    public static string DefaultDataDirectory { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ask");

    /// <summary>Which chunk index serves searches (<c>ASK_STORE</c>). Default <see cref="StoreKind.Embedded"/>.</summary>
    public StoreKind Store { get; set; } = StoreKind.Embedded;

    /// <summary>
    /// Episodes the web service ingests at start when its index is missing or stale (<c>ASK_EPISODES_DIR</c>).
    /// Default null: a fresh service ingests the bundled sample episodes instead.
    /// </summary>
    public string? EpisodesDirectory { get; set; }

    /// <summary>
    /// The podcast the start-up ingest files <see cref="EpisodesDirectory"/>'s episodes under, <c>id</c> or
    /// <c>id=Title</c> (<c>ASK_EPISODES_PODCAST</c>), as <c>ask ingest --podcast</c> does. Default null: each
    /// episode's own podcast, <c>datatalksclub</c> for episode files.
    /// </summary>
    public string? EpisodesPodcast { get; set; }

    /// <summary>When set, <c>/api</c> requests must send it in <c>X-Api-Key</c> (<c>ASK_API_KEY</c>). Default null: no authentication.</summary>
    public string? ApiKey { get; set; }

    public string IndexDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "index");
    public string CacheDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "cache");
    public string SamplesDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "samples");
    public string DownloadsDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "downloads");
}
