namespace SensorChain.Transport;

/// <summary>
/// The gateway's side of a transport: publishes one signed batch and completes only when the broker (or the
/// in-process bus) has taken responsibility for it (MQTT PUBACK). The outbox deletes a batch only after that.
/// </summary>
public interface IBatchPublisher : IAsyncDisposable
{
    /// <summary>True while connected; the gateway waits rather than failing when false.</summary>
    bool IsConnected { get; }

    /// <summary>Publishes <paramref name="batch"/> for <paramref name="deviceId"/> (hex). Throws <see cref="TransportException"/> if not acknowledged.</summary>
    Task PublishAsync(string deviceId, ulong sequence, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken);
}
