using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ask.Testing.Contracts;

/// <summary>Discovers <see cref="ContractFactAttribute"/> cases, skipped when the concrete class requires an unset variable.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentVariableAttribute))
            .Select(a => new RequiresEnvironmentVariableAttribute(a.GetConstructorArguments().Cast<string>().Single()))
            .FirstOrDefault(r => r.SkipReason is not null);
        return requirement is null
            ? base.CreateTestCase(discoveryOptions, testMethod, factAttribute)
            : new SkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, requirement.SkipReason!);
    }

    /// <summary>A case whose skip reason comes from the environment instead of the attribute.</summary>
    public sealed class SkippedTestCase : XunitTestCase
    {
        private string _reason = "";

        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public SkippedTestCase()
        {
        }

        public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string reason)
            : base(sink, display, displayOptions, testMethod)
        {
            _reason = reason;
            SkipReason = reason;
        }

        protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

        public override void Serialize(IXunitSerializationInfo data)
        {
            base.Serialize(data);
            data.AddValue("Reason", _reason);
        }

        public override void Deserialize(IXunitSerializationInfo data)
        {
            _reason = data.GetValue<string>("Reason");
            base.Deserialize(data);
        }
    }
}
