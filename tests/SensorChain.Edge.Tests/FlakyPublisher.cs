using System.Collections.Concurrent;
using SensorChain.Transport;

namespace SensorChain.Edge.Tests;

/// <summary>Records what it acknowledges; fails while <see cref="Down"/> is true.</summary>
internal sealed class FlakyPublisher : IBatchPublisher
{
    public ConcurrentQueue<(ulong Sequence, byte[] Bytes)> Acknowledged { get; } = new();

    public bool Down { get; set; }

    public bool IsConnected => !Down;

    public Task PublishAsync(string deviceId, ulong sequence, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new TransportException("broker unreachable");
        }

        Acknowledged.Enqueue((sequence, batch.ToArray()));
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
