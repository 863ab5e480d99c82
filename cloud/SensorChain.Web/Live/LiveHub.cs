using System.Collections.Concurrent;
using SensorChain.Ingest.Pipeline;
using SensorChain.Web.Accounts;
using SensorChain.Web.Consent;

namespace SensorChain.Web.Live;

/// <summary>
/// The live dashboard's feed: an <see cref="IAcceptedBatchHandler"/> that keeps the latest vitals and a short trend
/// per patient in memory and fans each batch out to open streams, each filtered by that viewer's consent. When a
/// patient's consent changes, streams that lost access are closed at once.
/// </summary>
public sealed class LiveHub : IAcceptedBatchHandler
{
    /// <summary>Trend points kept per patient (one per batch).</summary>
    public const int TrendCapacity = 900;

    private readonly AccessPolicy _policy;
    private readonly ConcurrentDictionary<string, PatientState> _patients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<LiveSubscription, byte> _subscriptions = new();

    /// <summary>Creates the hub and follows consent changes.</summary>
    public LiveHub(AccessPolicy policy, ConsentStore consents)
    {
        _policy = policy;
        consents.Changed += Revalidate;
    }

    /// <inheritdoc />
    public string Name => "live-dashboard";

    /// <summary>Open streams (for tests and metrics).</summary>
    public int SubscriptionCount => _subscriptions.Count;

    /// <inheritdoc />
    public ValueTask HandleAsync(AcceptedBatch batch, CancellationToken cancellationToken)
    {
        var frame = LiveFrameBuilder.Build(batch);
        var state = _patients.GetOrAdd(frame.PatientId, _ => new PatientState());
        lock (state)
        {
            state.Latest = frame.Vitals.FillFrom(state.Latest);
            state.Trend.Enqueue(frame.Vitals);
            while (state.Trend.Count > TrendCapacity)
            {
                state.Trend.Dequeue();
            }
        }

        foreach (var subscription in _subscriptions.Keys)
        {
            if (subscription.PatientId != frame.PatientId)
            {
                continue;
            }

            var allowed = _policy.AllowedCategories(subscription.User, frame.PatientId);
            if (allowed.Count == 0)
            {
                subscription.Revoke();
                continue;
            }

            subscription.Offer(frame, allowed);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Opens a stream; the caller has checked access already. Dispose it when the viewer leaves.</summary>
    public LiveSubscription Subscribe(WebUser user, string patientId)
    {
        var subscription = new LiveSubscription(user, patientId, s => _subscriptions.TryRemove(s, out _));
        _subscriptions[subscription] = 0;
        return subscription;
    }

    /// <summary>Latest known value of each vital (unfiltered), or null before the first batch.</summary>
    public VitalsSnapshot? Latest(string patientId)
    {
        if (!_patients.TryGetValue(patientId, out var state))
        {
            return null;
        }

        lock (state)
        {
            return state.Latest;
        }
    }

    /// <summary>The recent per-batch vitals (unfiltered), oldest first.</summary>
    public IReadOnlyList<VitalsSnapshot> Trend(string patientId)
    {
        if (!_patients.TryGetValue(patientId, out var state))
        {
            return [];
        }

        lock (state)
        {
            return state.Trend.ToList();
        }
    }

    /// <summary>Patients that sent at least one batch.</summary>
    public IReadOnlyCollection<string> KnownPatients => _patients.Keys.ToList();

    /// <summary>Closes the streams of <paramref name="patientId"/> whose viewer lost all access.</summary>
    public void Revalidate(string patientId)
    {
        foreach (var subscription in _subscriptions.Keys)
        {
            if (subscription.PatientId == patientId && _policy.AllowedCategories(subscription.User, patientId).Count == 0)
            {
                subscription.Revoke();
            }
        }
    }

    /// <summary>Closes every stream of <paramref name="userId"/> (the account was disabled or changed role); returns how many.</summary>
    public int RevokeUser(string userId)
    {
        var closed = 0;
        foreach (var subscription in _subscriptions.Keys)
        {
            if (subscription.User.Id == userId)
            {
                subscription.Revoke();
                closed++;
            }
        }

        return closed;
    }

    private sealed class PatientState
    {
        public VitalsSnapshot? Latest { get; set; }

        public Queue<VitalsSnapshot> Trend { get; } = new();
    }
}
