using System.Text.Json.Serialization;
using SensorChain.Fhir.Serialization;

namespace SensorChain.Fhir;

/// <summary>A text note with author and time (FHIR R4 Annotation).</summary>
public sealed record Annotation : IJsonOnSerializing, IJsonOnDeserialized
{
    /// <summary>author[x] as a reference.</summary>
    public ResourceReference? AuthorReference { get; init; }

    /// <summary>author[x] as a string.</summary>
    public string? AuthorString { get; init; }

    /// <summary>When the annotation was made.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The annotation (markdown).</summary>
    public required string Text { get; init; }

    void IJsonOnSerializing.OnSerializing() => Choice.AtMostOne("author", AuthorReference, AuthorString);

    void IJsonOnDeserialized.OnDeserialized() => Choice.AtMostOne("author", AuthorReference, AuthorString);
}
