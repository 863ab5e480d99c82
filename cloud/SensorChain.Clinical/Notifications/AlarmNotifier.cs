using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Clinical.Alarms;
using SensorChain.Ingest.Access;

namespace SensorChain.Clinical.Notifications;

/// <summary>
/// Sends alarm changes to the clinician the roster names (the change's recipient) on each of the clinician's
/// channels. Before every delivery — also every retry — it asks <see cref="IPatientDataAccess"/> (action Notify,
/// category from the condition), so a revoked consent stops that person's notifications at once. Failed attempts
/// are retried with exponential backoff and jitter; after the last attempt the delivery becomes a dead letter.
/// </summary>
public sealed class AlarmNotifier(
    AlarmFeed feed,
    IEnumerable<INotificationChannel> channels,
    IPatientDataAccess access,
    IDeadLetterStore deadLetters,
    NotificationOptions options,
    TimeProvider time,
    ILogger<AlarmNotifier>? logger = null) : BackgroundService
{
    private readonly INotificationChannel[] _channels = [.. channels];
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _inFlight = [];

    /// <summary>Notifies the recipient of one change (all channels, with retries); returns the outcome.</summary>
    public async Task<NotificationResult> NotifyAsync(AlarmChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Recipient is null || !options.NotifyOn.Contains(change.Kind))
        {
            return NotificationResult.NotApplicable;
        }

        var contact = options.ContactFor(change.Recipient);
        if (contact is null)
        {
            NotificationLog.NoContact(_logger, change.Recipient, change.Sequence);
            return NotificationResult.NoContact;
        }

        var notification = new AlarmNotification(change, contact, new Uri(options.DashboardBaseUrl, $"alarms/{change.AlarmId:N}"));
        var reachable = _channels.Where(c => c.CanReach(contact)).ToArray();
        if (reachable.Length == 0)
        {
            NotificationLog.NoContact(_logger, change.Recipient, change.Sequence);
            return NotificationResult.NoContact;
        }

        var results = await Task.WhenAll(reachable.Select(c => DeliverAsync(c, notification, cancellationToken))).ConfigureAwait(false);
        return results.Contains(NotificationResult.Denied) ? NotificationResult.Denied
            : results.Contains(NotificationResult.DeadLettered) ? NotificationResult.DeadLettered
            : NotificationResult.Delivered;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in feed.Subscribe(stoppingToken).ConfigureAwait(false))
            {
                // Each change is delivered on its own: a slow or failing receiver never holds up the next alarm.
                var task = NotifyAsync(change, stoppingToken);
                lock (_gate)
                {
                    _inFlight.Add(task);
                }

                _ = task.ContinueWith(t => { lock (_gate) { _inFlight.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Task[] pending;
        lock (_gate)
        {
            pending = [.. _inFlight];
        }

        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<NotificationResult> DeliverAsync(INotificationChannel channel, AlarmNotification notification, CancellationToken cancellationToken)
    {
        var change = notification.Change;
        var request = new PatientDataAccessRequest(notification.Recipient.Id, change.PatientId, ConditionCategory.Of(change.Condition),
            PatientDataAction.Notify, $"Flag/{change.AlarmId:N} {change.Kind} via {channel.Name}");
        var lastError = string.Empty;
        for (var attempt = 1; attempt <= Math.Max(1, options.MaxAttempts); attempt++)
        {
            if (attempt > 1)
            {
                var delay = RetryBackoff.Delay(attempt, options.BaseDelay, options.MaxDelay, Random.Shared.NextDouble());
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }

            // Asked before every attempt: a consent revoked while retrying stops the delivery.
            if (!await access.AuthorizeAsync(request, cancellationToken).ConfigureAwait(false))
            {
                NotificationLog.Denied(_logger, notification.DeliveryId, notification.Recipient.Id);
                return NotificationResult.Denied;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.AttemptTimeout);
            try
            {
                await channel.SendAsync(notification, timeout.Token).ConfigureAwait(false);
                NotificationLog.Delivered(_logger, notification.DeliveryId, channel.Name, attempt);
                return NotificationResult.Delivered;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = ex is OperationCanceledException ? "attempt timed out" : ex.GetType().Name + ": " + ex.Message;
                NotificationLog.AttemptFailed(_logger, notification.DeliveryId, channel.Name, attempt, lastError);
            }
        }

        var attempts = Math.Max(1, options.MaxAttempts);
        await deadLetters.AddAsync(new DeadLetter(notification.DeliveryId, channel.Name, notification.Recipient.Id, change.AlarmId, change.Sequence,
            attempts, lastError, time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        NotificationLog.DeadLettered(_logger, notification.DeliveryId, channel.Name, attempts);
        return NotificationResult.DeadLettered;
    }
}
