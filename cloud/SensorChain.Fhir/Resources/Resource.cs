using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>Base of all FHIR resources. <c>resourceType</c> is the JSON discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "resourceType", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(Observation), nameof(Observation))]
[JsonDerivedType(typeof(Patient), nameof(Patient))]
[JsonDerivedType(typeof(Device), nameof(Device))]
[JsonDerivedType(typeof(Provenance), nameof(Provenance))]
[JsonDerivedType(typeof(Bundle), nameof(Bundle))]
[JsonDerivedType(typeof(OperationOutcome), nameof(OperationOutcome))]
[JsonDerivedType(typeof(CapabilityStatement), nameof(CapabilityStatement))]
[JsonDerivedType(typeof(Consent), nameof(Consent))]
[JsonDerivedType(typeof(AuditEvent), nameof(AuditEvent))]
[JsonDerivedType(typeof(Flag), nameof(Flag))]
[JsonDerivedType(typeof(DetectedIssue), nameof(DetectedIssue))]
[JsonDerivedType(typeof(Communication), nameof(Communication))]
[JsonDerivedType(typeof(Subscription), nameof(Subscription))]
public abstract record Resource
{
    /// <summary>The resource type name, e.g. <c>Observation</c> (written as the JSON discriminator).</summary>
    [JsonIgnore]
    public abstract string ResourceType { get; }

    /// <summary>Logical id of this artifact.</summary>
    [JsonPropertyOrder(-10)]
    public string? Id { get; init; }

    /// <summary>Metadata about the resource.</summary>
    [JsonPropertyOrder(-9)]
    public Meta? Meta { get; init; }

    /// <summary>The relative reference <c>Type/id</c> of this resource.</summary>
    public ResourceReference ToReference() =>
        ResourceReference.To(ResourceType, Id ?? throw new InvalidOperationException($"The {ResourceType} has no id."));
}
