using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>A healthcare consumer's choices to permit or deny actions (FHIR R4 Consent).</summary>
public sealed record Consent : DomainResource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(Consent);

    /// <summary>Identifier for this record.</summary>
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    /// <summary>draft | proposed | active | rejected | inactive | entered-in-error.</summary>
    public required string Status { get; init; }

    /// <summary>Which of the four areas this resource covers (e.g. patient-privacy).</summary>
    public required CodeableConcept Scope { get; init; }

    /// <summary>Classification of the consent statement.</summary>
    public required IReadOnlyList<CodeableConcept> Category { get; init; }

    /// <summary>Who the consent applies to.</summary>
    public ResourceReference? Patient { get; init; }

    /// <summary>When this Consent was created or indexed.</summary>
    public DateTimeOffset? DateTime { get; init; }

    /// <summary>Who is agreeing to the policy and rules.</summary>
    public IReadOnlyList<ResourceReference>? Performer { get; init; }

    /// <summary>Custodian of the consent.</summary>
    public IReadOnlyList<ResourceReference>? Organization { get; init; }

    /// <summary>Regulation that this consents to.</summary>
    public CodeableConcept? PolicyRule { get; init; }

    /// <summary>Constraints to the base Consent.policyRule.</summary>
    public ConsentProvision? Provision { get; init; }
}
