namespace SensorChain.Protocol;

/// <summary>The signed content of one batch: a device's samples over one time window.</summary>
/// <param name="Device">Device id, derived from the signing key.</param>
/// <param name="Sequence">Per-device sequence number: 0, 1, 2, … never reused.</param>
/// <param name="PreviousHash">Hash of the device's batch <see cref="Sequence"/> − 1; zero for sequence 0.</param>
/// <param name="StartUnixMs">Start of the window, Unix epoch milliseconds (gateway clock).</param>
/// <param name="DurationMs">Length of the window in milliseconds.</param>
/// <param name="Salt">16 random bytes, so equal readings never give equal hashes.</param>
/// <param name="Channels">Channels in strictly increasing <see cref="SensorKind"/> order.</param>
public sealed record SensorBatch(
    DeviceId Device,
    ulong Sequence,
    BatchHash PreviousHash,
    long StartUnixMs,
    uint DurationMs,
    byte[] Salt,
    IReadOnlyList<ChannelBlock> Channels)
{
    /// <summary>Start of the window.</summary>
    public DateTimeOffset Start => DateTimeOffset.FromUnixTimeMilliseconds(StartUnixMs);

    /// <summary>End of the window.</summary>
    public DateTimeOffset End => DateTimeOffset.FromUnixTimeMilliseconds(StartUnixMs + DurationMs);

    /// <summary>Total samples over all channels.</summary>
    public int SampleCount
    {
        get
        {
            var total = 0;
            foreach (var channel in Channels)
            {
                total += channel.Count;
            }

            return total;
        }
    }

    /// <summary>The channel of <paramref name="kind"/>, or null.</summary>
    public ChannelBlock? Channel(SensorKind kind)
    {
        foreach (var channel in Channels)
        {
            if (channel.Kind == kind)
            {
                return channel;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public bool Equals(SensorBatch? other) =>
        other is not null && Device == other.Device && Sequence == other.Sequence && PreviousHash == other.PreviousHash
        && StartUnixMs == other.StartUnixMs && DurationMs == other.DurationMs && Salt.AsSpan().SequenceEqual(other.Salt)
        && Channels.SequenceEqual(other.Channels);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Device, Sequence, StartUnixMs);
}
