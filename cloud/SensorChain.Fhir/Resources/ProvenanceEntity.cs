namespace SensorChain.Fhir;

/// <summary>An entity used in the activity (FHIR R4 Provenance.entity).</summary>
public sealed record ProvenanceEntity
{
    /// <summary>derivation | revision | quotation | source | removal.</summary>
    public required string Role { get; init; }

    /// <summary>Identity of entity.</summary>
    public required ResourceReference What { get; init; }
}
