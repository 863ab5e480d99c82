namespace SensorChain.Transport.Mqtt.Native;

/// <summary>Calls <c>mosquitto_lib_init</c> once per process (it is not thread-safe and never needs undoing).</summary>
internal static class MosquittoLibrary
{
    private static readonly Lazy<string> Version = new(() =>
    {
        var rc = MosquittoNative.LibInit();
        if (rc != 0)
        {
            throw new TransportException("mosquitto_lib_init failed: " + MosquittoNative.ErrorText(rc));
        }

        MosquittoNative.LibVersion(out var major, out var minor, out var revision);
        if (major < 2)
        {
            throw new TransportException($"libmosquitto {major}.{minor}.{revision} is too old: MQTT 5 needs 2.0 or newer (Debian package libmosquitto1).");
        }

        return $"{major}.{minor}.{revision}";
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Initialises the library if needed and returns its version.</summary>
    public static string EnsureInitialized() => Version.Value;
}
