namespace SensorChain.Transport.Mqtt;

/// <summary>Settings of an ingester's <see cref="MqttBatchSubscriber"/>.</summary>
public sealed record MqttSubscriberOptions
{
    /// <summary>Broker connection; <see cref="MqttConnectionOptions.ClientId"/> is replaced per slot by <see cref="Slots"/>.</summary>
    public required MqttConnectionOptions Connection { get; init; }

    /// <summary>Shared subscription group: every ingester in the group gets a share of the batches.</summary>
    public string Group { get; init; } = "ingest";

    /// <summary>
    /// Client ids of the connections this process opens, e.g. <c>ingest-0</c>, <c>ingest-1</c>. Each is a persistent
    /// session: Mosquitto keeps routing a member's share to its session while it is away, so a restarted or replacement
    /// process must take over the same ids to receive that backlog. Several slots per process add parallelism.
    /// </summary>
    public required IReadOnlyList<string> Slots { get; init; }

    /// <summary>How often the first slot publishes the cloud clock beacon for gateways; zero disables it.</summary>
    public TimeSpan ClockInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a peer's slot must stay <c>offline</c> before this process takes its session over and drains it
    /// (see docs/operations-mqtt.md, automatic takeover); null disables the slot statuses and the takeover.
    /// </summary>
    public TimeSpan? TakeoverGrace { get; init; }
}
