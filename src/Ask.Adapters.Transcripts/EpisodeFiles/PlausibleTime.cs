using System.Globalization;
using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>
/// Whether a time can be a moment of the episode: not negative, a finite number, not far past the
/// episode's duration when it is known, and never past 24 hours (no episode is that long; <c>sec: 1e23</c>
/// once showed users the time 2562047788015215:30:07).
/// </summary>
/// <remarks>
/// The metadata duration is often that of the edited video while the transcript follows the recording:
/// in the real archive 147 of 200 transcripts run past it, by up to 14%. So "past the duration" allows
/// 25% or 15 minutes, whichever is more; an hour past a 58-minute episode is still caught.
/// </remarks>
internal readonly struct PlausibleTime(TimeSpan? duration)
{
    public const double MaxSec = 24 * 3600;
    public const double DurationSlack = 0.25;
    public const double DurationSlackMinSec = 15 * 60;

    /// <summary>Why <paramref name="seconds"/> is unusable, or null when it is fine.</summary>
    public string? Problem(double seconds) => seconds switch
    {
        double.NaN or double.PositiveInfinity or double.NegativeInfinity => "is not a number",
        < 0 => "is below zero",
        > MaxSec => "is beyond 24 hours",
        _ when duration is { } d && d.TotalSeconds > 0 && seconds > d.TotalSeconds + Math.Max(d.TotalSeconds * DurationSlack, DurationSlackMinSec) =>
            string.Create(CultureInfo.InvariantCulture, $"is far past the episode's duration ({Timestamp.Format(d.TotalSeconds)})"),
        _ => null,
    };
}
