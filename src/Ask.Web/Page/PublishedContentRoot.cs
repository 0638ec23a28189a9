namespace Ask.Web.Page;

/// <summary>
/// Where a published service finds its page and settings. ASP.NET Core looks for <c>wwwroot</c> and
/// <c>appsettings.json</c> under the working directory, so a published service started from anywhere else
/// (a systemd unit, a shell in the home directory) served 404 at <c>/</c> and ignored its settings. The
/// published folder is the content root then; <c>dotnet run</c> (whose build output has no <c>wwwroot</c>
/// and serves the page from the project) and a service started from its own folder keep the default.
/// </summary>
public static class PublishedContentRoot
{
    /// <returns>The folder to use as content root, or null to keep ASP.NET Core's default.</returns>
    public static string? Find(string workingDirectory, string applicationDirectory) =>
        !Directory.Exists(Path.Combine(workingDirectory, "wwwroot")) && Directory.Exists(Path.Combine(applicationDirectory, "wwwroot"))
            ? applicationDirectory
            : null;
}
