namespace SensorChain.Fhir;

/// <summary>A supported interaction (read | vread | search-type | create …).</summary>
/// <param name="Code">The interaction code.</param>
public sealed record CapabilityStatementInteraction(string Code);
