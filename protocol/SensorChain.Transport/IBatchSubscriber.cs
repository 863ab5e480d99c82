namespace SensorChain.Transport;

/// <summary>
/// The cloud's side of a transport: delivers each received batch to a handler. A message is acknowledged only
/// after the handler's task completes successfully, so a slow store slows delivery instead of losing data.
/// </summary>
public interface IBatchSubscriber : IAsyncDisposable
{
    /// <summary>Starts delivering to <paramref name="handler"/> until <paramref name="cancellationToken"/> fires.</summary>
    Task StartAsync(Func<ReceivedBatch, CancellationToken, Task> handler, CancellationToken cancellationToken);
}
