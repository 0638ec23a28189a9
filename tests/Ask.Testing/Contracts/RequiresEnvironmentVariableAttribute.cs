namespace Ask.Testing.Contracts;

/// <summary>Skips the contract cases of the marked class unless the environment variable is set.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentVariableAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public string? SkipReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Name)) ? $"Set {Name} to run these tests." : null;
}
