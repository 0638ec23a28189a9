using Xunit;
using Xunit.Sdk;

namespace Ask.Testing.Contracts;

/// <summary>
/// A <see cref="FactAttribute"/> for contract cases. Contract cases live on an abstract base class, so a
/// subclass cannot put <c>Skip</c> on them; this attribute instead skips every case of a subclass marked
/// <see cref="RequiresEnvironmentVariableAttribute"/> when that variable is unset (a real server that is
/// only there in some runs).
/// </summary>
[XunitTestCaseDiscoverer("Ask.Testing.Contracts.ContractFactDiscoverer", "Ask.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;
