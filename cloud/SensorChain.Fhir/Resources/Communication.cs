using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>A record of information transmitted from a sender to a receiver (FHIR R4 Communication).</summary>
public sealed record Communication : DomainResource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(Communication);

    /// <summary>Unique identifier.</summary>
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    /// <summary>preparation | in-progress | not-done | on-hold | stopped | completed | entered-in-error | unknown.</summary>
    public required string Status { get; init; }

    /// <summary>Message category.</summary>
    public IReadOnlyList<CodeableConcept>? Category { get; init; }

    /// <summary>routine | urgent | asap | stat.</summary>
    public string? Priority { get; init; }

    /// <summary>Focus of message.</summary>
    public ResourceReference? Subject { get; init; }

    /// <summary>Resources that pertain to this communication.</summary>
    public IReadOnlyList<ResourceReference>? About { get; init; }

    /// <summary>When sent.</summary>
    public DateTimeOffset? Sent { get; init; }

    /// <summary>When received.</summary>
    public DateTimeOffset? Received { get; init; }

    /// <summary>Message recipient.</summary>
    public IReadOnlyList<ResourceReference>? Recipient { get; init; }

    /// <summary>Message sender.</summary>
    public ResourceReference? Sender { get; init; }

    /// <summary>Indication for message.</summary>
    public IReadOnlyList<CodeableConcept>? ReasonCode { get; init; }

    /// <summary>Message payload.</summary>
    public IReadOnlyList<CommunicationPayload>? Payload { get; init; }

    /// <summary>Comments made about the communication.</summary>
    public IReadOnlyList<Annotation>? Note { get; init; }
}
