using System.Text.Json.Serialization;
using SensorChain.Fhir.Serialization;

namespace SensorChain.Fhir;

/// <summary>A clinical issue detected for a patient (FHIR R4 DetectedIssue).</summary>
public sealed record DetectedIssue : DomainResource, IJsonOnSerializing, IJsonOnDeserialized
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(DetectedIssue);

    /// <summary>Unique id for the detected issue.</summary>
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    /// <summary>registered | preliminary | final | amended | corrected | cancelled | entered-in-error | unknown.</summary>
    public required string Status { get; init; }

    /// <summary>Issue category.</summary>
    public CodeableConcept? Code { get; init; }

    /// <summary>high | moderate | low.</summary>
    public string? Severity { get; init; }

    /// <summary>Associated patient.</summary>
    public ResourceReference? Patient { get; init; }

    /// <summary>identified[x] as dateTime.</summary>
    public DateTimeOffset? IdentifiedDateTime { get; init; }

    /// <summary>identified[x] as Period.</summary>
    public Period? IdentifiedPeriod { get; init; }

    /// <summary>The provider or device that identified the issue.</summary>
    public ResourceReference? Author { get; init; }

    /// <summary>Problem resource.</summary>
    public IReadOnlyList<ResourceReference>? Implicated { get; init; }

    /// <summary>Supporting evidence.</summary>
    public IReadOnlyList<DetectedIssueEvidence>? Evidence { get; init; }

    /// <summary>Description and context.</summary>
    public string? Detail { get; init; }

    /// <summary>Authority for issue.</summary>
    public string? Reference { get; init; }

    void IJsonOnSerializing.OnSerializing() => Choice.AtMostOne("identified", IdentifiedDateTime, IdentifiedPeriod);

    void IJsonOnDeserialized.OnDeserialized() => Choice.AtMostOne("identified", IdentifiedDateTime, IdentifiedPeriod);
}
