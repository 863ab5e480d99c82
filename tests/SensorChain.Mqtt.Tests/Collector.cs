using System.Buffers.Binary;
using System.Collections.Concurrent;
using SensorChain.Transport;

namespace SensorChain.Mqtt.Tests;

/// <summary>A handler that records every delivery and the distinct (device, sequence) pairs: what an idempotent store keeps.</summary>
public sealed class Collector
{
    private readonly ConcurrentDictionary<(string Device, ulong Sequence), int> _seen = new();
    private long _deliveries;

    /// <summary>Optional hook run before recording (may throw to simulate a failing store).</summary>
    public Func<ReceivedBatch, Task>? Before { get; set; }

    /// <summary>Every delivery including redeliveries.</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>Distinct (device, sequence) pairs stored.</summary>
    public int Distinct => _seen.Count;

    /// <summary>Stored pairs.</summary>
    public ICollection<(string Device, ulong Sequence)> Keys => _seen.Keys;

    /// <summary>The handler to pass to a subscriber.</summary>
    public async Task Handle(ReceivedBatch batch, CancellationToken cancellationToken)
    {
        if (Before is not null)
        {
            await Before(batch);
        }

        var device = Topics.DeviceIdOf(batch.Topic) ?? throw new InvalidOperationException("bad topic " + batch.Topic);
        _seen.AddOrUpdate((device, SequenceOf(batch.Payload.Span)), 1, (_, n) => n + 1);
        Interlocked.Increment(ref _deliveries);
    }

    /// <summary>A raw test payload carrying <paramref name="sequence"/> and some filler.</summary>
    public static byte[] Payload(ulong sequence, int size = 600)
    {
        var bytes = new byte[size];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, sequence);
        for (var i = 8; i < size; i++)
        {
            bytes[i] = (byte)(i * 31 + (int)sequence);
        }

        return bytes;
    }

    /// <summary>The sequence in a raw test payload.</summary>
    public static ulong SequenceOf(ReadOnlySpan<byte> payload) => BinaryPrimitives.ReadUInt64BigEndian(payload);

    /// <summary>Waits until <paramref name="condition"/> holds or the timeout passes.</summary>
    public static async Task<bool> Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
