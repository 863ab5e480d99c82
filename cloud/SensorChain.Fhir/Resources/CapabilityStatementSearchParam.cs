namespace SensorChain.Fhir;

/// <summary>A search parameter supported by the implementation.</summary>
public sealed record CapabilityStatementSearchParam
{
    /// <summary>Name of search parameter.</summary>
    public required string Name { get; init; }

    /// <summary>Source of definition for parameter.</summary>
    public string? Definition { get; init; }

    /// <summary>number | date | string | token | reference | composite | quantity | uri | special.</summary>
    public required string Type { get; init; }

    /// <summary>Server-specific usage.</summary>
    public string? Documentation { get; init; }
}
