namespace SensorChain.Fhir;

/// <summary>Software covered by a CapabilityStatement.</summary>
public sealed record CapabilityStatementSoftware
{
    /// <summary>A name the software is known by.</summary>
    public required string Name { get; init; }

    /// <summary>Version covered by this statement.</summary>
    public string? Version { get; init; }
}
