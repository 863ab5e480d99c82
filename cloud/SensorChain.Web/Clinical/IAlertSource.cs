namespace SensorChain.Web.Clinical;

/// <summary>
/// The alert inbox's backend: SensorChain.Clinical's alarm lifecycle when wired in, else <see cref="InMemoryAlertSource"/>.
/// The web app filters every alert by the viewer's consent before showing or notifying it.
/// </summary>
public interface IAlertSource
{
    /// <summary>Recent alerts, newest first.</summary>
    ValueTask<IReadOnlyList<WebAlert>> ListAsync(CancellationToken cancellationToken);

    /// <summary>New and changed alerts as they happen, until cancelled.</summary>
    IAsyncEnumerable<WebAlert> WatchAsync(CancellationToken cancellationToken);

    /// <summary>Acknowledges an alert; returns it, or null when unknown.</summary>
    ValueTask<WebAlert?> AcknowledgeAsync(string alertId, string byDisplayName, CancellationToken cancellationToken);

    /// <summary>Escalates an alert; returns it, or null when unknown.</summary>
    ValueTask<WebAlert?> EscalateAsync(string alertId, string byDisplayName, CancellationToken cancellationToken);
}
