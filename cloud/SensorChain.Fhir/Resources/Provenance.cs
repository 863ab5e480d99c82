using System.Text.Json.Serialization;
using SensorChain.Fhir.Serialization;

namespace SensorChain.Fhir;

/// <summary>Who, what, when for a set of resources (FHIR R4 Provenance).</summary>
public sealed record Provenance : DomainResource, IJsonOnSerializing, IJsonOnDeserialized
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(Provenance);

    /// <summary>Target Reference(s) (usually version specific).</summary>
    public required IReadOnlyList<ResourceReference> Target { get; init; }

    /// <summary>occurred[x] as Period.</summary>
    public Period? OccurredPeriod { get; init; }

    /// <summary>occurred[x] as dateTime.</summary>
    public DateTimeOffset? OccurredDateTime { get; init; }

    /// <summary>When the activity was recorded / updated.</summary>
    public required DateTimeOffset Recorded { get; init; }

    /// <summary>Policy or plan the activity was defined by.</summary>
    public IReadOnlyList<string>? Policy { get; init; }

    /// <summary>Reason the activity is occurring.</summary>
    public IReadOnlyList<CodeableConcept>? Reason { get; init; }

    /// <summary>Activity that occurred.</summary>
    public CodeableConcept? Activity { get; init; }

    /// <summary>Actor involved.</summary>
    public required IReadOnlyList<ProvenanceAgent> Agent { get; init; }

    /// <summary>An entity used in this activity.</summary>
    public IReadOnlyList<ProvenanceEntity>? Entity { get; init; }

    /// <summary>Signature on target.</summary>
    public IReadOnlyList<Signature>? Signature { get; init; }

    void IJsonOnSerializing.OnSerializing() => Choice.AtMostOne("occurred", OccurredPeriod, OccurredDateTime);

    void IJsonOnDeserialized.OnDeserialized() => Choice.AtMostOne("occurred", OccurredPeriod, OccurredDateTime);
}
