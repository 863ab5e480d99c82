using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace SensorChain.Clinical.Alarms;

/// <summary>
/// In-process live feed of alarm changes: every subscriber gets its own bounded channel (the dashboard streams it as
/// Server-Sent Events). A subscriber that falls more than <c>capacity</c> changes behind loses the oldest ones.
/// </summary>
public sealed class AlarmFeed(int capacity = 1024)
{
    private readonly Lock _gate = new();
    private readonly List<Channel<AlarmChange>> _subscribers = [];

    /// <summary>Current subscriber count.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Publishes a change to every subscriber (never blocks).</summary>
    public void Publish(AlarmChange change)
    {
        lock (_gate)
        {
            foreach (var s in _subscribers)
            {
                s.Writer.TryWrite(change);
            }
        }
    }

    /// <summary>Streams changes from now on until cancelled.</summary>
    public async IAsyncEnumerable<AlarmChange> Subscribe([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<AlarmChange>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var change))
                {
                    yield return change;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
