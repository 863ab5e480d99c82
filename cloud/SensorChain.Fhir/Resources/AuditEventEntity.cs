namespace SensorChain.Fhir;

/// <summary>Data or objects used in an audited event (FHIR R4 AuditEvent.entity).</summary>
public sealed record AuditEventEntity
{
    /// <summary>Specific instance of resource.</summary>
    public ResourceReference? What { get; init; }

    /// <summary>Type of entity involved.</summary>
    public Coding? Type { get; init; }

    /// <summary>What role the entity played.</summary>
    public Coding? Role { get; init; }

    /// <summary>Descriptive text.</summary>
    public string? Description { get; init; }

    /// <summary>Query parameters (base64).</summary>
    public string? Query { get; init; }
}
