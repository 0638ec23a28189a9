namespace Ask.Adapters.Slack.Signing;

/// <summary>Outcome of checking a request's Slack signature; the reason is logged, never sent back.</summary>
internal enum SignatureCheck
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    Expired,
    Mismatch,
}
