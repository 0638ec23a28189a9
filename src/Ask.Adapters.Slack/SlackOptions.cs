using System.ComponentModel.DataAnnotations;

namespace Ask.Adapters.Slack;

/// <summary>The Slack app's secrets and the bot's limits (section <c>Slack</c>; secrets from <c>SLACK_*</c> variables only).</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Signs every request Slack sends (<c>SLACK_SIGNING_SECRET</c>). Default null: the HTTP endpoints are not mapped.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot's <c>xoxb-</c> token for the Web API (<c>SLACK_BOT_TOKEN</c>). Required once Slack is enabled.</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level <c>xapp-</c> token that opens Socket Mode connections (<c>SLACK_APP_TOKEN</c>). Default null: no Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>Slack's Web API address (<c>SLACK_API_BASE_URL</c>). Default <c>https://slack.com/api/</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>Questions waiting for an answer before new ones are turned away with "please retry". Default 64.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 64;

    /// <summary>Questions answered at the same time. Default 2.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 2;

    /// <summary>Questions one person may ask per minute. Default 6.</summary>
    [Range(1, 10_000)]
    public int UserQuestionsPerMinute { get; set; } = 6;

    /// <summary>Questions one channel may ask per minute. Default 20.</summary>
    [Range(1, 10_000)]
    public int ChannelQuestionsPerMinute { get; set; } = 20;

    /// <summary>Attempts at a Web API call that fails transiently (429, 5xx, connection refused). Default 4.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>SQLite file holding answers and the votes on them. Default <c>slack-feedback.db</c> in the data folder.</summary>
    public string? FeedbackDatabase { get; set; }

    /// <summary>Whether a signing secret or an app token turns the bot on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret) || SocketMode;

    /// <summary>Socket Mode runs when an app token is set.</summary>
    public bool SocketMode => !string.IsNullOrWhiteSpace(AppToken);
}
