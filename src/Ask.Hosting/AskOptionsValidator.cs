using Ask.Core.Configuration;
using Ask.Core.Episodes;
using Microsoft.Extensions.Options;

namespace Ask.Hosting;

/// <summary>Checks <see cref="AskOptions"/> at start, naming each key's short environment variable too.</summary>
public sealed class AskOptionsValidator : IValidateOptions<AskOptions>
{
    public ValidateOptionsResult Validate(string? name, AskOptions o) => new OptionErrors(AskOptions.Section)
        .NotEmpty(nameof(o.DataDirectory) + " (ASK_DATA_DIR)", o.DataDirectory)
        .Require(Enum.IsDefined(o.Store), nameof(o.Store) + " (ASK_STORE)", "must be Embedded or Qdrant", o.Store.ToString())
        .Require(o.EpisodesPodcast is null || PodcastSpec.TryParse(o.EpisodesPodcast, out _) is not null, nameof(o.EpisodesPodcast) + " (ASK_EPISODES_PODCAST)",
            "must be a podcast id of lower-case letters, digits and dashes, optionally followed by =Title", $"'{o.EpisodesPodcast}'")
        .Result;
}
