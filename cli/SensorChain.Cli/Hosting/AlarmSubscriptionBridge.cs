using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SensorChain.Clinical.Alarms;
using SensorChain.FhirApi.Subscriptions;

namespace SensorChain.Cli.Hosting;

/// <summary>
/// Hands every alarm change to the FHIR Subscriptions as a <c>DetectedIssue</c> and a <c>Flag</c>, so
/// <c>DetectedIssue?patient=…</c> and <c>Flag?patient=…</c> subscriptions fire on alerts (each delivery is still
/// checked against the patient's consent by the subscription service).
/// </summary>
internal sealed partial class AlarmSubscriptionBridge(AlarmManager alarms, SubscriptionService subscriptions, ILogger<AlarmSubscriptionBridge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in alarms.Feed.Subscribe(stoppingToken))
            {
                if (alarms.Find(change.AlarmId) is not { } alarm)
                {
                    continue;
                }

                try
                {
                    await subscriptions.PublishAsync(AlarmFhir.ToDetectedIssue(alarm), stoppingToken);
                    await subscriptions.PublishAsync(AlarmFhir.ToFlag(alarm), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    PublishFailed(logger, change.AlarmId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarm {AlarmId} could not be offered to the FHIR subscriptions")]
    private static partial void PublishFailed(ILogger logger, Guid alarmId, Exception exception);
}
