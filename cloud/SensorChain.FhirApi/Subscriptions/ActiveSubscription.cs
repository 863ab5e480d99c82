using System.Threading.Channels;
using SensorChain.Fhir;

namespace SensorChain.FhirApi.Subscriptions;

/// <summary>A Subscription being served: its resource, owner, parsed criteria and notification queue.</summary>
internal sealed class ActiveSubscription : IDisposable
{
    /// <param name="onDropped">Called when a full queue drops its oldest notification (the resource stays stored).</param>
    public ActiveSubscription(Subscription resource, string ownerId, SubscriptionCriteria criteria, int queueLimit, Action<ActiveSubscription>? onDropped = null)
    {
        Resource = resource;
        OwnerId = ownerId;
        Criteria = criteria;
        Queue = Channel.CreateBounded<Resource>(new BoundedChannelOptions(queueLimit)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ =>
        {
            Interlocked.Increment(ref Dropped);
            onDropped?.Invoke(this);
        });
    }

    public string Id => Resource.Id!;

    /// <summary>The current stored version (status, error).</summary>
    public Subscription Resource { get; set; }

    /// <summary>Principal id of the user who created it: consent is checked for them on every delivery.</summary>
    public string OwnerId { get; }

    public SubscriptionCriteria Criteria { get; }

    public Channel<Resource> Queue { get; }

    public CancellationTokenSource Stop { get; } = new();

    public Task Worker { get; set; } = Task.CompletedTask;

    /// <summary>Notifications dropped because the queue was full (slow or unreachable endpoint).</summary>
    public long Dropped;

    /// <summary>Notifications delivered.</summary>
    public long Delivered;

    /// <summary>Notifications left out because the owner had no consent.</summary>
    public long Suppressed;

    public void Dispose() => Stop.Dispose();
}
