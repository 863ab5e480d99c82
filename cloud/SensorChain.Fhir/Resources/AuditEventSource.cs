namespace SensorChain.Fhir;

/// <summary>The system reporting an audited event (FHIR R4 AuditEvent.source).</summary>
public sealed record AuditEventSource
{
    /// <summary>Logical source location within the enterprise.</summary>
    public string? Site { get; init; }

    /// <summary>The identity of source detecting the event.</summary>
    public required ResourceReference Observer { get; init; }

    /// <summary>The type of source where event originated.</summary>
    public IReadOnlyList<Coding>? Type { get; init; }
}
