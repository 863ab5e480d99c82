namespace SensorChain.Transport.Mqtt;

/// <summary>MQTT-specific topic names on top of <see cref="Topics"/>. None carries PHI.</summary>
public static class MqttTopics
{
    /// <summary>The cloud's clock beacon: the ingester publishes its UTC time (Unix milliseconds, ASCII) here; gateways measure their offset.</summary>
    public const string Clock = Topics.Root + "/clock";

    /// <summary>MQTT 5 shared subscription of every device's batches for ingester group <paramref name="group"/>.</summary>
    public static string SharedBatches(string group)
    {
        if (string.IsNullOrEmpty(group) || group.AsSpan().IndexOfAny("/+#") >= 0)
        {
            throw new ArgumentException($"Shared subscription group '{group}' must be non-empty without '/', '+' or '#'.", nameof(group));
        }

        return $"$share/{group}/{Topics.AllBatches}";
    }

    /// <summary>Status payload published (retained) when a gateway connects.</summary>
    public const string Online = "online";

    /// <summary>Status payload of the last will (retained): the broker publishes it when the gateway vanishes.</summary>
    public const string Offline = "offline";
}
