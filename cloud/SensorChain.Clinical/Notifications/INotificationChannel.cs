namespace SensorChain.Clinical.Notifications;

/// <summary>One way of delivering a notification (webhook, e-mail). A failed attempt throws; the caller retries.</summary>
public interface INotificationChannel
{
    /// <summary>Channel name for dead letters and logs (e.g. <c>webhook</c>).</summary>
    string Name { get; }

    /// <summary>True when the recipient can be reached on this channel.</summary>
    bool CanReach(ClinicianContact recipient);

    /// <summary>Makes one delivery attempt.</summary>
    Task SendAsync(AlarmNotification notification, CancellationToken cancellationToken);
}
