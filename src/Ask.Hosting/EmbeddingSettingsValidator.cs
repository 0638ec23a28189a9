using Ask.Adapters.Onnx;
using Ask.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Ask.Hosting;

/// <summary>Checks the <c>Embeddings</c> section at start, for the provider it names.</summary>
public sealed class EmbeddingSettingsValidator : IValidateOptions<EmbeddingSettings>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingSettings o)
    {
        var errors = new OptionErrors(EmbeddingSettings.Section)
            .Require(Enum.IsDefined(o.Provider), nameof(o.Provider) + " (ASK_EMBEDDING_PROVIDER)", "must be Onnx or OpenAI", o.Provider.ToString())
            .Between(nameof(o.IntraOpThreads), o.IntraOpThreads, 0, 1024)
            .Between(nameof(o.MaxInputTokens), o.MaxInputTokens, 1, 1_000_000)
            .Require(o.Dimensions is null or > 0, nameof(o.Dimensions), "must be positive when set", o.Dimensions?.ToString() ?? "unset");
        if (o.Provider == EmbeddingProvider.Onnx)
            errors.Require(o.Model is null || Enum.TryParse<LocalEmbeddingModel>(o.Model, ignoreCase: true, out _), nameof(o.Model) + " (ASK_EMBEDDING_MODEL)",
                $"must name a bundled encoder ({string.Join(" or ", Enum.GetNames<LocalEmbeddingModel>())}); for a model served over HTTP set ASK_EMBEDDING_PROVIDER=OpenAI", $"'{o.Model}'");
        else
            errors.NotEmpty(nameof(o.Model) + " (ASK_EMBEDDING_MODEL)", o.Model)
                .Require(o.BaseUrl is null || (o.BaseUrl.IsAbsoluteUri && o.BaseUrl.Scheme is "http" or "https"), nameof(o.BaseUrl) + " (ASK_EMBEDDING_BASE_URL)",
                    "must be an absolute http(s) URL", $"'{o.BaseUrl}'");
        return errors.Result;
    }
}
