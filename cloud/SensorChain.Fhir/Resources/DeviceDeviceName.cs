namespace SensorChain.Fhir;

/// <summary>A name of a device (FHIR R4 Device.deviceName).</summary>
public sealed record DeviceDeviceName
{
    /// <summary>The name of the device.</summary>
    public required string Name { get; init; }

    /// <summary>udi-label-name | user-friendly-name | patient-reported-name | manufacturer-name | model-name | other.</summary>
    public required string Type { get; init; }
}
