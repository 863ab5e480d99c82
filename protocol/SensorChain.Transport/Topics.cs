namespace SensorChain.Transport;

/// <summary>
/// Topic names. They carry the pseudonymous device id only (a hash of the device key): never PHI.
/// </summary>
public static class Topics
{
    /// <summary>Prefix of all SensorChain topics.</summary>
    public const string Root = "sensorchain/v1";

    /// <summary>Where device <paramref name="deviceId"/> publishes its batches.</summary>
    public static string Batches(string deviceId) => $"{Root}/devices/{deviceId}/batches";

    /// <summary>Where a gateway's online/offline status (and last will) goes.</summary>
    public static string Status(string deviceId) => $"{Root}/devices/{deviceId}/status";

    /// <summary>Filter matching every device's batches.</summary>
    public const string AllBatches = Root + "/devices/+/batches";

    /// <summary>The device id in a batches topic, or null.</summary>
    public static string? DeviceIdOf(string topic)
    {
        var parts = topic.Split('/');
        return parts.Length == 5 && parts[0] + "/" + parts[1] == Root && parts[2] == "devices" && parts[4] == "batches" ? parts[3] : null;
    }
}
