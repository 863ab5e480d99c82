namespace SensorChain.Fhir;

/// <summary>An actor involved in an audited event (FHIR R4 AuditEvent.agent).</summary>
public sealed record AuditEventAgent
{
    /// <summary>How agent participated.</summary>
    public CodeableConcept? Type { get; init; }

    /// <summary>Agent role in the event.</summary>
    public IReadOnlyList<CodeableConcept>? Role { get; init; }

    /// <summary>Identifier of who.</summary>
    public ResourceReference? Who { get; init; }

    /// <summary>Alternative User identity.</summary>
    public string? AltId { get; init; }

    /// <summary>Human friendly name for the agent.</summary>
    public string? Name { get; init; }

    /// <summary>Whether user is initiator.</summary>
    public required bool Requestor { get; init; }

    /// <summary>Policy that authorized event.</summary>
    public IReadOnlyList<string>? Policy { get; init; }
}
