namespace SensorChain.Fhir;

/// <summary>Details of a technology-mediated contact point (FHIR R4 ContactPoint).</summary>
public sealed record ContactPoint
{
    /// <summary>phone | fax | email | pager | url | sms | other.</summary>
    public string? System { get; init; }

    /// <summary>The actual contact point details.</summary>
    public string? Value { get; init; }

    /// <summary>home | work | temp | old | mobile.</summary>
    public string? Use { get; init; }
}
