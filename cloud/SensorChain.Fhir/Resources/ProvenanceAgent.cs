namespace SensorChain.Fhir;

/// <summary>An actor taking part in the activity (FHIR R4 Provenance.agent).</summary>
public sealed record ProvenanceAgent
{
    /// <summary>How the agent participated.</summary>
    public CodeableConcept? Type { get; init; }

    /// <summary>What the agent's role was.</summary>
    public IReadOnlyList<CodeableConcept>? Role { get; init; }

    /// <summary>Who participated.</summary>
    public required ResourceReference Who { get; init; }

    /// <summary>Who the agent is representing.</summary>
    public ResourceReference? OnBehalfOf { get; init; }
}
