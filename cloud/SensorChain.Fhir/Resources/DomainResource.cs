using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>A resource with narrative and extensions (FHIR R4 DomainResource).</summary>
public abstract record DomainResource : Resource
{
    /// <summary>Text summary of the resource, for human interpretation.</summary>
    [JsonPropertyOrder(-8)]
    public Narrative? Text { get; init; }

    /// <summary>Additional content defined by implementations.</summary>
    [JsonPropertyOrder(-7)]
    public IReadOnlyList<Extension>? Extension { get; init; }
}
