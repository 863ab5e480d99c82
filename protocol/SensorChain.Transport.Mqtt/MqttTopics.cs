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

    /// <summary>
    /// Retained status of ingester slot <paramref name="slot"/> in shared-subscription group <paramref name="group"/>:
    /// <see cref="Online"/> while its owner is connected, <see cref="Offline"/> (last will or clean stop) when nobody
    /// serves it, <c>drained-by &lt;slot&gt;</c> while a surviving ingester has taken it over.
    /// </summary>
    public static string IngestSlotStatus(string group, string slot) => $"{IngestStatusPrefix(group)}{slot}/status";

    /// <summary>Filter matching every slot status of <paramref name="group"/>.</summary>
    public static string IngestSlotStatusFilter(string group) => $"{IngestStatusPrefix(group)}+/status";

    /// <summary>The slot named in an <see cref="IngestSlotStatus"/> topic of <paramref name="group"/>, or null for any other topic.</summary>
    public static string? SlotOfStatus(string group, string topic)
    {
        var prefix = IngestStatusPrefix(group);
        if (!topic.StartsWith(prefix, StringComparison.Ordinal) || !topic.EndsWith("/status", StringComparison.Ordinal))
        {
            return null;
        }

        var slot = topic[prefix.Length..^"/status".Length];
        return slot.Length == 0 || slot.Contains('/', StringComparison.Ordinal) ? null : slot;
    }

    /// <summary>Status payload of a slot served by a process that took it over from its dead owner.</summary>
    public static string DrainedBy(string hostSlot) => DrainedByPrefix + hostSlot;

    /// <summary>Prefix of <see cref="DrainedBy"/> payloads.</summary>
    public const string DrainedByPrefix = "drained-by ";

    private static string IngestStatusPrefix(string group) => $"{Topics.Root}/ingest/{group}/";

    /// <summary>Status payload published (retained) when a gateway connects.</summary>
    public const string Online = "online";

    /// <summary>Status payload of the last will (retained): the broker publishes it when the gateway vanishes.</summary>
    public const string Offline = "offline";
}
