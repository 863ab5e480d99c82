using System.Text.Json.Serialization;
using SensorChain.Fhir.Serialization;

namespace SensorChain.Fhir;

/// <summary>Measurements and simple assertions (FHIR R4 Observation).</summary>
public sealed record Observation : DomainResource, IJsonOnSerializing, IJsonOnDeserialized
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(Observation);

    /// <summary>Business identifier for the observation.</summary>
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    /// <summary>Fulfills plan, proposal or order.</summary>
    public IReadOnlyList<ResourceReference>? BasedOn { get; init; }

    /// <summary>registered | preliminary | final | amended | corrected | cancelled | entered-in-error | unknown.</summary>
    public required string Status { get; init; }

    /// <summary>Classification of type of observation.</summary>
    public IReadOnlyList<CodeableConcept>? Category { get; init; }

    /// <summary>Type of observation (code / type).</summary>
    public required CodeableConcept Code { get; init; }

    /// <summary>Who and/or what the observation is about.</summary>
    public ResourceReference? Subject { get; init; }

    /// <summary>Healthcare event during which this observation is made.</summary>
    public ResourceReference? Encounter { get; init; }

    /// <summary>effective[x] as dateTime.</summary>
    public DateTimeOffset? EffectiveDateTime { get; init; }

    /// <summary>effective[x] as Period.</summary>
    public Period? EffectivePeriod { get; init; }

    /// <summary>effective[x] as instant.</summary>
    public DateTimeOffset? EffectiveInstant { get; init; }

    /// <summary>Date/Time this version was made available.</summary>
    public DateTimeOffset? Issued { get; init; }

    /// <summary>Who is responsible for the observation.</summary>
    public IReadOnlyList<ResourceReference>? Performer { get; init; }

    /// <summary>value[x] as Quantity.</summary>
    public Quantity? ValueQuantity { get; init; }

    /// <summary>value[x] as CodeableConcept.</summary>
    public CodeableConcept? ValueCodeableConcept { get; init; }

    /// <summary>value[x] as string.</summary>
    public string? ValueString { get; init; }

    /// <summary>value[x] as boolean.</summary>
    public bool? ValueBoolean { get; init; }

    /// <summary>value[x] as integer.</summary>
    public int? ValueInteger { get; init; }

    /// <summary>value[x] as SampledData.</summary>
    public SampledData? ValueSampledData { get; init; }

    /// <summary>value[x] as Period.</summary>
    public Period? ValuePeriod { get; init; }

    /// <summary>value[x] as dateTime.</summary>
    public DateTimeOffset? ValueDateTime { get; init; }

    /// <summary>Why the result is missing.</summary>
    public CodeableConcept? DataAbsentReason { get; init; }

    /// <summary>High, low, normal, etc.</summary>
    public IReadOnlyList<CodeableConcept>? Interpretation { get; init; }

    /// <summary>Comments about the observation.</summary>
    public IReadOnlyList<Annotation>? Note { get; init; }

    /// <summary>Observed body part.</summary>
    public CodeableConcept? BodySite { get; init; }

    /// <summary>How it was done.</summary>
    public CodeableConcept? Method { get; init; }

    /// <summary>(Measurement) Device.</summary>
    public ResourceReference? Device { get; init; }

    /// <summary>Related resource that belongs to the Observation group.</summary>
    public IReadOnlyList<ResourceReference>? HasMember { get; init; }

    /// <summary>Related measurements the observation is made from.</summary>
    public IReadOnlyList<ResourceReference>? DerivedFrom { get; init; }

    /// <summary>Component results.</summary>
    public IReadOnlyList<ObservationComponent>? Component { get; init; }

    /// <summary>True when some value[x] is present.</summary>
    [JsonIgnore]
    public bool HasValue =>
        ValueQuantity is not null || ValueCodeableConcept is not null || ValueString is not null || ValueBoolean is not null
        || ValueInteger is not null || ValueSampledData is not null || ValuePeriod is not null || ValueDateTime is not null;

    /// <summary>Start of effective[x].</summary>
    [JsonIgnore]
    public DateTimeOffset? EffectiveStart => EffectiveDateTime ?? EffectiveInstant ?? EffectivePeriod?.Start ?? EffectivePeriod?.End;

    /// <summary>End of effective[x] (the start for a point in time).</summary>
    [JsonIgnore]
    public DateTimeOffset? EffectiveEnd => EffectiveDateTime ?? EffectiveInstant ?? EffectivePeriod?.End ?? EffectivePeriod?.Start;

    void IJsonOnSerializing.OnSerializing() => Check();

    void IJsonOnDeserialized.OnDeserialized() => Check();

    private void Check()
    {
        Choice.AtMostOne("effective", EffectiveDateTime, EffectivePeriod, EffectiveInstant);
        Choice.AtMostOne("value", ValueQuantity, ValueCodeableConcept, ValueString, ValueBoolean, ValueInteger, ValueSampledData, ValuePeriod, ValueDateTime);
    }
}
