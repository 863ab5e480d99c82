using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace SensorChain.Web.Clinical;

/// <summary>An in-memory alert inbox (demo and tests): <see cref="Raise"/> adds, watchers get every change.</summary>
public sealed class InMemoryAlertSource(TimeProvider time) : IAlertSource
{
    private const int Capacity = 500;

    private readonly Lock _gate = new();
    private readonly List<WebAlert> _alerts = [];
    private readonly List<Channel<WebAlert>> _watchers = [];

    /// <summary>Raises a new open alert.</summary>
    public WebAlert Raise(string patientId, string severity, string title, string detail)
    {
        var alert = new WebAlert("alert-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), patientId, severity, title, detail,
            time.GetUtcNow(), AlertState.Open, null, null);
        Publish(alert);
        return alert;
    }

    /// <summary>True when the patient has an open alert with this title.</summary>
    public bool HasOpen(string patientId, string title)
    {
        lock (_gate)
        {
            return _alerts.Any(a => a.PatientId == patientId && a.Title == title && a.State == AlertState.Open);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<WebAlert>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<WebAlert>>(_alerts.OrderByDescending(a => a.RaisedAt).ToList());
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WebAlert> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<WebAlert>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _watchers.Add(channel);
        }

        try
        {
            await foreach (var alert in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return alert;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<WebAlert?> AcknowledgeAsync(string alertId, string byDisplayName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Transition(alertId, AlertState.Acknowledged, byDisplayName));

    /// <inheritdoc />
    public ValueTask<WebAlert?> EscalateAsync(string alertId, string byDisplayName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Transition(alertId, AlertState.Escalated, byDisplayName));

    private WebAlert? Transition(string alertId, AlertState state, string by)
    {
        WebAlert? updated;
        lock (_gate)
        {
            var index = _alerts.FindIndex(a => a.Id == alertId);
            if (index < 0)
            {
                return null;
            }

            updated = _alerts[index] with { State = state, HandledBy = by, HandledAt = time.GetUtcNow() };
        }

        Publish(updated);
        return updated;
    }

    private void Publish(WebAlert alert)
    {
        lock (_gate)
        {
            var index = _alerts.FindIndex(a => a.Id == alert.Id);
            if (index >= 0)
            {
                _alerts[index] = alert;
            }
            else
            {
                _alerts.Add(alert);
                if (_alerts.Count > Capacity)
                {
                    _alerts.RemoveAt(0);
                }
            }

            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(alert);
            }
        }
    }
}
