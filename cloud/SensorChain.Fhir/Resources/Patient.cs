using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>Information about an individual receiving care (FHIR R4 Patient). SensorChain stores pseudonymous patients.</summary>
public sealed record Patient : DomainResource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(Patient);

    /// <summary>An identifier for this patient.</summary>
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    /// <summary>Whether this patient's record is in active use.</summary>
    public bool? Active { get; init; }

    /// <summary>A name associated with the patient.</summary>
    public IReadOnlyList<HumanName>? Name { get; init; }

    /// <summary>A contact detail for the individual.</summary>
    public IReadOnlyList<ContactPoint>? Telecom { get; init; }

    /// <summary>male | female | other | unknown.</summary>
    public string? Gender { get; init; }

    /// <summary>The date of birth (FHIR date, e.g. 1970-01-31).</summary>
    public string? BirthDate { get; init; }

    /// <summary>Organization that is the custodian of the patient record.</summary>
    public ResourceReference? ManagingOrganization { get; init; }
}
