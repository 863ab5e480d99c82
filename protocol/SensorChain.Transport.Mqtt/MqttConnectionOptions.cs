namespace SensorChain.Transport.Mqtt;

/// <summary>How one MQTT 5 client connects: broker, identity, TLS files, session and reconnect policy.</summary>
public sealed record MqttConnectionOptions
{
    /// <summary>Broker host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>Broker port (8883 for TLS by convention).</summary>
    public required int Port { get; init; }

    /// <summary>The MQTT client id. Stable across restarts so the persistent session is resumed.</summary>
    public required string ClientId { get; init; }

    /// <summary>CA certificate (PEM) that signed the broker certificate; null for a plain TCP connection.</summary>
    public string? CaFile { get; init; }

    /// <summary>Client certificate (PEM); with <see cref="KeyFile"/> proves the client's identity to the broker.</summary>
    public string? CertFile { get; init; }

    /// <summary>Private key (PEM) of <see cref="CertFile"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>MQTT keep-alive. A handler blocking longer than 1.5 times this makes the broker drop the connection.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Session expiry interval: how long the broker keeps the session (subscriptions, queued and unacknowledged messages) while the client is away. Zero means a clean, non-persistent session.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromDays(7);

    /// <summary>MQTT 5 receive maximum: how many unacknowledged QoS 1 deliveries the broker may have in flight to this client.</summary>
    public int ReceiveMaximum { get; init; } = 20;

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="ReconnectMax"/>, each with up to 50 % random jitter.</summary>
    public TimeSpan ReconnectMin { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of the reconnect delay.</summary>
    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>True when the options ask for TLS.</summary>
    public bool UsesTls => CaFile is not null;

    /// <summary>Copies <paramref name="address"/>'s host and port (and whether TLS is required) into new options.</summary>
    public static MqttConnectionOptions For(MqttBrokerAddress address, string clientId, string? caFile = null, string? certFile = null, string? keyFile = null)
    {
        if (address.UseTls && caFile is null)
        {
            throw new ArgumentException($"Broker {address} uses TLS (mqtts): a CA file is required.", nameof(caFile));
        }

        return new MqttConnectionOptions
        {
            Host = address.Host,
            Port = address.Port,
            ClientId = clientId,
            CaFile = address.UseTls ? caFile : null,
            CertFile = address.UseTls ? certFile : null,
            KeyFile = address.UseTls ? keyFile : null,
        };
    }
}
