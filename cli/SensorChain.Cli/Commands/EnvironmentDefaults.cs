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

    /// <summary>A number of seconds from environment variable <paramref name="name"/>; NaN when it is set but not a number (the command reports it).</summary>
    public static double Seconds(string name, double fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
        ? double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : double.NaN
        : fallback;
}
