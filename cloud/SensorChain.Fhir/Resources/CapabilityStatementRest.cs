namespace SensorChain.Fhir;

/// <summary>A RESTful endpoint of a CapabilityStatement.</summary>
public sealed record CapabilityStatementRest
{
    /// <summary>client | server.</summary>
    public required string Mode { get; init; }

    /// <summary>General description of implementation.</summary>
    public string? Documentation { get; init; }

    /// <summary>Resource served on the REST interface.</summary>
    public IReadOnlyList<CapabilityStatementResource>? Resource { get; init; }

    /// <summary>What operations are supported at the system level.</summary>
    public IReadOnlyList<CapabilityStatementInteraction>? Interaction { get; init; }

    /// <summary>System level operations.</summary>
    public IReadOnlyList<CapabilityStatementOperation>? Operation { get; init; }
}
