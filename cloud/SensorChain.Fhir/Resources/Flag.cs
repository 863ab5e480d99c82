using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>Key information to flag to healthcare providers (FHIR R4 Flag).</summary>
public sealed record Flag : DomainResource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(Flag);

    /// <summary>Business identifier.</summary>
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    /// <summary>active | inactive | entered-in-error.</summary>
    public required string Status { get; init; }

    /// <summary>Clinical, administrative, etc.</summary>
    public IReadOnlyList<CodeableConcept>? Category { get; init; }

    /// <summary>Coded or textual message to display to user.</summary>
    public required CodeableConcept Code { get; init; }

    /// <summary>Who/What is flag about.</summary>
    public required ResourceReference Subject { get; init; }

    /// <summary>Time period when flag is active.</summary>
    public Period? Period { get; init; }

    /// <summary>Flag creator.</summary>
    public ResourceReference? Author { get; init; }
}
