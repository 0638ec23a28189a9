namespace Ask.Web.Tests.Page;

/// <summary>
/// A test in a real headless Chromium: Debian's <c>chromium</c> package (<c>/usr/bin/chromium</c>) or the
/// binary <c>CHROMIUM_PATH</c> names. Where there is none the test is skipped, saying how to get one;
/// <c>.ci/run</c> installs it, so CI always runs these.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
            Skip = "no chromium binary: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH";
    }
}

public static class Chromium
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
    }
}
