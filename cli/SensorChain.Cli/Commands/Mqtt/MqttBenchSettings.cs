namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>Parameters of <c>sensorchain bench mqtt</c>.</summary>
internal sealed record MqttBenchSettings(int Patients, int Seconds, string? Broker, int Connections, int Slots, int MaxGroup = 64, BenchPipeline Pipeline = BenchPipeline.Verify)
{
    /// <summary>A readable problem with the settings, or null.</summary>
    public string? Validate() =>
        Patients is < 1 or > 20_000 ? "--patients must be between 1 and 20000."
        : Seconds is < 1 or > 3600 ? "--seconds must be between 1 and 3600."
        : Connections is < 1 or > 2000 ? "--connections must be between 1 and 2000."
        : Slots is < 1 or > 64 ? "--slots must be between 1 and 64."
        : Pipeline == BenchPipeline.Raw ? "--pipeline must be verify or full (raw is the baseline, always run)."
        : MaxGroup is < 1 or > 10_000 ? "--max-group must be between 1 and 10000."
        : Broker is not null && !SensorChain.Transport.Mqtt.MqttBrokerAddress.TryParse(Broker, out _, out var error) ? error
        : null;
}
