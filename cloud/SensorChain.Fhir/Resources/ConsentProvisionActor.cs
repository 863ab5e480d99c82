namespace SensorChain.Fhir;

/// <summary>Who or what a consent rule applies to (FHIR R4 Consent.provision.actor).</summary>
public sealed record ConsentProvisionActor
{
    /// <summary>How the actor is involved.</summary>
    public required CodeableConcept Role { get; init; }

    /// <summary>Resource for the actor (or group, by role).</summary>
    public required ResourceReference Reference { get; init; }
}
