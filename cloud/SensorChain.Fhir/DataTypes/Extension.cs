using System.Text.Json.Serialization;
using SensorChain.Fhir.Serialization;

namespace SensorChain.Fhir;

/// <summary>Additional content defined by implementations (FHIR R4 Extension, common value[x] types).</summary>
public sealed record Extension : IJsonOnSerializing, IJsonOnDeserialized
{
    /// <summary>Identifies the meaning of the extension.</summary>
    public required string Url { get; init; }

    /// <summary>value[x] as string.</summary>
    public string? ValueString { get; init; }

    /// <summary>value[x] as code.</summary>
    public string? ValueCode { get; init; }

    /// <summary>value[x] as uri.</summary>
    public string? ValueUri { get; init; }

    /// <summary>value[x] as boolean.</summary>
    public bool? ValueBoolean { get; init; }

    /// <summary>value[x] as integer.</summary>
    public int? ValueInteger { get; init; }

    /// <summary>value[x] as decimal.</summary>
    public decimal? ValueDecimal { get; init; }

    /// <summary>value[x] as dateTime.</summary>
    public DateTimeOffset? ValueDateTime { get; init; }

    /// <summary>value[x] as Reference.</summary>
    public ResourceReference? ValueReference { get; init; }

    /// <summary>value[x] as CodeableConcept.</summary>
    public CodeableConcept? ValueCodeableConcept { get; init; }

    /// <summary>Nested extensions.</summary>
    [JsonPropertyName("extension")]
    public IReadOnlyList<Extension>? Nested { get; init; }

    void IJsonOnSerializing.OnSerializing() => Check();

    void IJsonOnDeserialized.OnDeserialized() => Check();

    private void Check() =>
        Choice.AtMostOne("value", ValueString, ValueCode, ValueUri, ValueBoolean, ValueInteger, ValueDecimal, ValueDateTime, ValueReference, ValueCodeableConcept);
}
