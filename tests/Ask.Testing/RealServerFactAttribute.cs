using Xunit;

namespace Ask.Testing;

/// <summary>
/// A test against a real server (Qdrant, an OpenAI-compatible endpoint), run only where the environment
/// names one; elsewhere it is reported as skipped, saying which variables would enable it.
/// </summary>
public sealed class RealServerFactAttribute : FactAttribute
{
    public RealServerFactAttribute(params string[] variables)
    {
        var missing = variables.Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToArray();
        if (missing.Length > 0) Skip = $"set {string.Join(" and ", missing)} to run against a real server";
    }
}
