namespace SensorChain.Fhir;

/// <summary>The specific instance a CapabilityStatement describes.</summary>
public sealed record CapabilityStatementImplementation
{
    /// <summary>Describes this specific instance.</summary>
    public required string Description { get; init; }

    /// <summary>Base URL for the installation.</summary>
    public string? Url { get; init; }
}
