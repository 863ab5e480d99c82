using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>Item used in healthcare: here a bedside gateway and its sensors (FHIR R4 Device).</summary>
public sealed record Device : DomainResource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(Device);

    /// <summary>Instance identifier.</summary>
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    /// <summary>active | inactive | entered-in-error | unknown.</summary>
    public string? Status { get; init; }

    /// <summary>Name of device manufacturer.</summary>
    public string? Manufacturer { get; init; }

    /// <summary>Serial number assigned by the manufacturer.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>The name of the device as given by the manufacturer.</summary>
    public IReadOnlyList<DeviceDeviceName>? DeviceName { get; init; }

    /// <summary>The model number for the device.</summary>
    public string? ModelNumber { get; init; }

    /// <summary>The kind or type of device.</summary>
    public CodeableConcept? Type { get; init; }

    /// <summary>Patient to whom Device is affixed.</summary>
    public ResourceReference? Patient { get; init; }

    /// <summary>Device notes and comments.</summary>
    public IReadOnlyList<Annotation>? Note { get; init; }
}
