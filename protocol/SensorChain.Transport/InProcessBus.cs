using System.Threading.Channels;

namespace SensorChain.Transport;

/// <summary>
/// The embedded transport for the demo and tests: gateways and the ingester in one process. A publish completes
/// only after the subscriber's handler has stored the batch, so nothing leaves a gateway's outbox unstored.
/// The queue is bounded: when the ingester falls behind, publishers wait.
/// </summary>
public sealed class InProcessBus : IBatchSubscriber
{
    private readonly Channel<(ReceivedBatch Batch, TaskCompletionSource Done)> _queue;
    private readonly TimeProvider _time;

    /// <summary>Creates a bus holding at most <paramref name="capacity"/> undelivered batches.</summary>
    public InProcessBus(TimeProvider time, int capacity = 4096)
    {
        _time = time;
        _queue = Channel.CreateBounded<(ReceivedBatch, TaskCompletionSource)>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>A publisher for one gateway.</summary>
    public IBatchPublisher CreatePublisher() => new Publisher(this);

    /// <inheritdoc />
    public Task StartAsync(Func<ReceivedBatch, CancellationToken, Task> handler, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            try
            {
                await foreach (var (batch, done) in _queue.Reader.ReadAllAsync(cancellationToken))
                {
                    try
                    {
                        await handler(batch, cancellationToken);
                        done.TrySetResult();
                    }
                    catch (Exception ex)
                    {
                        done.TrySetException(new TransportException("The ingester did not accept the batch.", ex));
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private sealed class Publisher(InProcessBus bus) : IBatchPublisher
    {
        public bool IsConnected => true;

        public async Task PublishAsync(string deviceId, ulong sequence, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var received = new ReceivedBatch(Topics.Batches(deviceId), batch.ToArray(), bus._time.GetUtcNow());
            await bus._queue.Writer.WriteAsync((received, done), cancellationToken);
            await done.Task.WaitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
