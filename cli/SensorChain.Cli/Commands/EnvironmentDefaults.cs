namespace SensorChain.Cli.Commands;

/// <summary>Defaults that operators set through the environment (systemd units, containers) instead of flags.</summary>
internal static class EnvironmentDefaults
{
    /// <summary>SENSORCHAIN_DATA: the data folder.</summary>
    public static string Data(string fallback) => Environment.GetEnvironmentVariable("SENSORCHAIN_DATA") is { Length: > 0 } v ? v : fallback;

    /// <summary>SENSORCHAIN_BROKER: the broker URL (mqtt:// or mqtts://).</summary>
    public static string? Broker() => Environment.GetEnvironmentVariable("SENSORCHAIN_BROKER") is { Length: > 0 } v ? v : null;

    /// <summary>SENSORCHAIN_PKI: the PKI folder made by deploy/local/pki.sh.</summary>
    public static string? Pki() => Environment.GetEnvironmentVariable("SENSORCHAIN_PKI") is { Length: > 0 } v ? v : null;
}
