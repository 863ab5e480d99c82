using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>Event record kept for security purposes (FHIR R4 AuditEvent).</summary>
public sealed record AuditEvent : DomainResource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(AuditEvent);

    /// <summary>Type/identifier of event.</summary>
    public required Coding Type { get; init; }

    /// <summary>More specific type/id for the event.</summary>
    public IReadOnlyList<Coding>? Subtype { get; init; }

    /// <summary>Type of action performed during the event (C | R | U | D | E).</summary>
    public string? Action { get; init; }

    /// <summary>When the activity occurred.</summary>
    public Period? Period { get; init; }

    /// <summary>Time when the event was recorded.</summary>
    public required DateTimeOffset Recorded { get; init; }

    /// <summary>Whether the event succeeded or failed (0 | 4 | 8 | 12).</summary>
    public string? Outcome { get; init; }

    /// <summary>Description of the event outcome.</summary>
    public string? OutcomeDesc { get; init; }

    /// <summary>The purposeOfUse of the event.</summary>
    public IReadOnlyList<CodeableConcept>? PurposeOfEvent { get; init; }

    /// <summary>Actor involved in the event.</summary>
    public required IReadOnlyList<AuditEventAgent> Agent { get; init; }

    /// <summary>Audit Event Reporter.</summary>
    public required AuditEventSource Source { get; init; }

    /// <summary>Data or objects used.</summary>
    public IReadOnlyList<AuditEventEntity>? Entity { get; init; }
}
