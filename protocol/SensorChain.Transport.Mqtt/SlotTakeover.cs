using Microsoft.Extensions.Logging;

namespace SensorChain.Transport.Mqtt;

/// <summary>
/// Automatic takeover of a dead ingester's shared-subscription slot, built only on the broker's own mechanisms:
/// retained slot statuses with last wills, and MQTT session takeover. No election: the owner always wins its slot back,
/// and a drainer never reconnects: when its connection ends (the usual cause: another connection took the session over)
/// or it sees the slot back online, it releases the slot.
/// </summary>
/// <remarks>
/// Every slot a process hosts publishes <see cref="MqttTopics.IngestSlotStatus"/> = <c>online</c> (retained) with a
/// retained <c>offline</c> last will. Every process watches its group's statuses. A slot that stays <c>offline</c> for
/// the grace period (plus a random part of up to half of it, so survivors rarely start at the same instant) is resumed by
/// a survivor: it connects with that slot's client id and clean start false, which hands it the dead owner's session
/// (subscription, queued share, unacknowledged messages), marks the slot <c>drained-by &lt;its first slot&gt;</c> and
/// serves it. If two survivors collide, the broker's takeover disconnects the first, which releases. When the owner
/// comes back its connection takes the session over and the drainer's connection ends; the owner republishes
/// <c>online</c>. (Mosquitto 2.0 closes the displaced connection without the DISCONNECT 0x8E reaching the client, so a
/// drainer cannot tell a takeover from a network failure: it releases on any disconnect. After a failure the slot's
/// status says <c>offline</c> (its last will) or still <c>drained-by</c> this process, which this process reads as
/// offline, so the slot is taken over again after the grace period.)
/// </remarks>
internal sealed class SlotTakeover : IDisposable
{
    private readonly string _group;
    private readonly TimeSpan _grace;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _own;
    private readonly string _name;
    private readonly Func<string, MosquittoClient> _createDrainer;
    private readonly Func<bool> _watching;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PeerStatus> _peers = [];
    private readonly Dictionary<string, MosquittoClient> _drainers = [];
    private readonly ITimer _timer;
    private bool _disposed;

    public SlotTakeover(string group, TimeSpan grace, IReadOnlyList<string> ownSlots, TimeProvider time, ILogger logger, Func<string, MosquittoClient> createDrainer, Func<bool> watching)
    {
        _group = group;
        _grace = grace;
        _time = time;
        _logger = logger;
        _own = [.. ownSlots];
        _name = ownSlots[0];
        _createDrainer = createDrainer;
        _watching = watching;
        var tick = TimeSpan.FromTicks(Math.Clamp(grace.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(2).Ticks));
        _timer = time.CreateTimer(_ => Tick(), null, tick, tick);
    }

    /// <summary>Slots of dead peers this process currently serves.</summary>
    public IReadOnlyList<string> Drained
    {
        get
        {
            lock (_gate)
            {
                return [.. _drainers.Keys];
            }
        }
    }

    /// <summary>True when <paramref name="client"/> is a drainer of this process (not one of its own slots).</summary>
    public bool IsDrainer(MosquittoClient client)
    {
        lock (_gate)
        {
            return _drainers.TryGetValue(client.Options.ClientId, out var c) && ReferenceEquals(c, client);
        }
    }

    /// <summary>The status this process must keep on <paramref name="client"/>'s slot topic.</summary>
    public string StatusOf(MosquittoClient client) => IsDrainer(client) ? MqttTopics.DrainedBy(_name) : MqttTopics.Online;

    /// <summary>
    /// A slot status arrived (retained or live). Returns the connection of this process that serves the slot when the
    /// status says otherwise (e.g. a stale last will), so the caller republishes its status there; otherwise null.
    /// </summary>
    public MosquittoClient? OnStatus(string slot, string status, MosquittoClient? ownClient)
    {
        MosquittoClient? release = null;
        MosquittoClient? hostClient = ownClient;
        lock (_gate)
        {
            if (hostClient is null && _drainers.TryGetValue(slot, out var serving))
            {
                hostClient = serving;
            }

            if (!_peers.TryGetValue(slot, out var known) || known.Status != status)
            {
                var jitter = TimeSpan.FromTicks((long)(_grace.Ticks * 0.5 * Random.Shared.NextDouble()));
                _peers[slot] = new PeerStatus(status, _time.GetUtcNow(), jitter);
            }

            if (_drainers.TryGetValue(slot, out var drainer) && status == MqttTopics.Online)
            {
                release = drainer;
                _drainers.Remove(slot);
            }
        }

        if (release is not null)
        {
            Release(release, "its owner is back online");
            return null;
        }

        return hostClient is { IsConnected: true } && status != StatusOf(hostClient) ? hostClient : null;
    }

    /// <summary>A connection of this process ended; a drainer releases the slot instead of reconnecting (no fight with the owner or another drainer).</summary>
    public void OnDisconnected(MosquittoClient client)
    {
        lock (_gate)
        {
            if (!_drainers.TryGetValue(client.Options.ClientId, out var c) || !ReferenceEquals(c, client))
            {
                return;
            }

            _drainers.Remove(client.Options.ClientId);
        }

        Release(client, "its connection ended (taken over by the owner or another drainer, or lost)");
    }

    /// <summary>Marks every slot this process serves offline (a clean stop is not a crash but nobody serves them) and disconnects the drainers.</summary>
    public void Dispose()
    {
        List<MosquittoClient> drainers;
        lock (_gate)
        {
            _disposed = true;
            drainers = [.. _drainers.Values];
            _drainers.Clear();
        }

        _timer.Dispose();
        foreach (var drainer in drainers)
        {
            PublishOffline(drainer);
            drainer.Dispose();
        }
    }

    /// <summary>Test hook: vanish like a killed process (drainers dropped without DISCONNECT, so their last wills fire).</summary>
    public void Crash()
    {
        List<MosquittoClient> drainers;
        lock (_gate)
        {
            _disposed = true;
            drainers = [.. _drainers.Values];
            _drainers.Clear();
        }

        _timer.Dispose();
        foreach (var drainer in drainers)
        {
            drainer.Kill();
        }
    }

    /// <summary>Publishes <c>offline</c> for <paramref name="client"/>'s slot before a clean DISCONNECT (which suppresses the last will).</summary>
    public void PublishOffline(MosquittoClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            client.Publish(MqttTopics.IngestSlotStatus(_group, client.Options.ClientId), MosquittoClient.Utf8(MqttTopics.Offline), 1, true);
        }
        catch (Exception ex) when (ex is TransportException or ObjectDisposedException)
        {
        }
    }

    private void Tick()
    {
        try
        {
            if (!_watching())
            {
                return; // statuses may be stale while this process itself is cut off from the broker
            }

            var now = _time.GetUtcNow();
            List<string> take = [];
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                foreach (var (slot, peer) in _peers)
                {
                    var unserved = peer.Status == MqttTopics.Offline || peer.Status == MqttTopics.DrainedBy(_name); // drained-by us but released: stale
                    if (unserved && !_own.Contains(slot) && !_drainers.ContainsKey(slot) && now - peer.Since >= _grace + peer.Jitter)
                    {
                        take.Add(slot);
                    }
                }

                foreach (var slot in take)
                {
                    var drainer = _createDrainer(slot);
                    _drainers[slot] = drainer;
                    MqttLog.SlotTakenOver(_logger, slot, _name, (long)(now - _peers[slot].Since).TotalMilliseconds);
                    drainer.Start();
                }
            }
        }
        catch (Exception ex)
        {
            MqttLog.TakeoverFailed(_logger, ex);
        }
    }

    private void Release(MosquittoClient drainer, string why)
    {
        MqttLog.SlotReleased(_logger, drainer.Options.ClientId, _name, why);
        drainer.StopReconnecting();
        _ = Task.Run(drainer.Dispose); // never join the network thread from its own callback
    }

    private readonly record struct PeerStatus(string Status, DateTimeOffset Since, TimeSpan Jitter);
}
