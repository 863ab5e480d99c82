namespace SensorChain.Transport.Mqtt;

/// <summary>Settings of a gateway's <see cref="MqttBatchPublisher"/>.</summary>
public sealed record MqttPublisherOptions
{
    /// <summary>Broker connection; the client id should be the device id so the session survives restarts.</summary>
    public required MqttConnectionOptions Connection { get; init; }

    /// <summary>The gateway's device id (hex): topic of its status and last will.</summary>
    public required string DeviceId { get; init; }

    /// <summary>Most publishes awaiting PUBACK at once; further PublishAsync calls wait.</summary>
    public int MaxInFlight { get; init; } = 32;

    /// <summary>How long one publish may wait for its PUBACK before failing (the outbox then retries it).</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
