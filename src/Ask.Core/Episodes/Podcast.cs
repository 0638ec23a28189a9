namespace Ask.Core.Episodes;

/// <summary>The show an episode belongs to: one index can hold several.</summary>
/// <param name="Id">A short, stable, lower-case id (a feed's, <c>datatalksclub</c> for the first archive, or <c>--podcast</c>).</param>
/// <param name="Title">The show's name as users know it.</param>
public sealed record Podcast(string Id, string Title)
{
    /// <summary>The archive Ask was first built for; episode files without a podcast of their own belong to it.</summary>
    public static Podcast DataTalksClub { get; } = new("datatalksclub", "DataTalks.Club");
}
