using Microsoft.Extensions.Options;

namespace Ask.Adapters.Slack;

/// <summary>Cross-field rules; each message names the variable to set.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
            errors.Add($"Slack:ApiBaseUrl (SLACK_API_BASE_URL) '{options.ApiBaseUrl}' is not an absolute http(s) URL.");
        if (options.Enabled && string.IsNullOrWhiteSpace(options.BotToken))
            errors.Add("Slack:BotToken (SLACK_BOT_TOKEN) must be set when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is: the bot posts answers with it.");
        if (options.Enabled && string.IsNullOrWhiteSpace(options.FeedbackDatabase))
            errors.Add("Slack:FeedbackDatabase must not be empty.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
