namespace Ask.Core.Episodes;

/// <summary>A titled section of an episode starting at <paramref name="StartSec"/>.</summary>
public sealed record Chapter(double StartSec, string Title, string? Summary = null);

/// <summary>A highlighted clip the site lists for an episode (<c>quotableClips</c>).</summary>
public sealed record QuotableClip(string Name, double StartSec, double EndSec, string? Url = null);
