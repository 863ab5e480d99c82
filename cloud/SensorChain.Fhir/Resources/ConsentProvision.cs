namespace SensorChain.Fhir;

/// <summary>A rule of a Consent: permit or deny, for whom, what, when (FHIR R4 Consent.provision).</summary>
public sealed record ConsentProvision
{
    /// <summary>deny | permit.</summary>
    public string? Type { get; init; }

    /// <summary>Timeframe for this rule.</summary>
    public Period? Period { get; init; }

    /// <summary>Who|what controlled by this rule.</summary>
    public IReadOnlyList<ConsentProvisionActor>? Actor { get; init; }

    /// <summary>Actions controlled by this rule.</summary>
    public IReadOnlyList<CodeableConcept>? Action { get; init; }

    /// <summary>Context of activities covered by this rule.</summary>
    public IReadOnlyList<Coding>? Purpose { get; init; }

    /// <summary>e.g. Resource Type, Profile, CDA, etc.</summary>
    public IReadOnlyList<Coding>? Class { get; init; }

    /// <summary>Nested exception rules.</summary>
    public IReadOnlyList<ConsentProvision>? Provision { get; init; }
}
