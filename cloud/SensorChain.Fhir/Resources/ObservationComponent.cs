using System.Text.Json.Serialization;
using SensorChain.Fhir.Serialization;

namespace SensorChain.Fhir;

/// <summary>A component result of an Observation (FHIR R4 Observation.component).</summary>
public sealed record ObservationComponent : IJsonOnSerializing, IJsonOnDeserialized
{
    /// <summary>Type of component observation (code / type).</summary>
    public required CodeableConcept Code { get; init; }

    /// <summary>value[x] as Quantity.</summary>
    public Quantity? ValueQuantity { get; init; }

    /// <summary>value[x] as CodeableConcept.</summary>
    public CodeableConcept? ValueCodeableConcept { get; init; }

    /// <summary>value[x] as string.</summary>
    public string? ValueString { get; init; }

    /// <summary>value[x] as SampledData.</summary>
    public SampledData? ValueSampledData { get; init; }

    /// <summary>Why the component result is missing.</summary>
    public CodeableConcept? DataAbsentReason { get; init; }

    /// <summary>High, low, normal, etc.</summary>
    public IReadOnlyList<CodeableConcept>? Interpretation { get; init; }

    void IJsonOnSerializing.OnSerializing() => Check();

    void IJsonOnDeserialized.OnDeserialized() => Check();

    private void Check() => Choice.AtMostOne("component.value", ValueQuantity, ValueCodeableConcept, ValueString, ValueSampledData);
}
