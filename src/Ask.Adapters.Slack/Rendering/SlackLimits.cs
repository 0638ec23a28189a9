namespace Ask.Adapters.Slack.Rendering;

/// <summary>Slack's message size limits (over them a post is rejected outright), with room to spare where Slack's own figure is approximate.</summary>
internal static class SlackLimits
{
    public const int SectionText = 3000;
    public const int ContextText = 3000;
    public const int Blocks = 50;
    /// <summary>Fallback <c>text</c>: Slack truncates beyond 4,000 characters.</summary>
    public const int FallbackText = 4000;
    /// <summary>Total text across blocks; <c>msg_blocks_too_long</c> starts around 12–13k.</summary>
    public const int TotalText = 12_000;
    public const int ButtonValue = 2000;
}
