using System.Runtime.CompilerServices;
using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Detection;
using SensorChain.Web.Clinical;

namespace SensorChain.Cli.Hosting;

/// <summary>
/// Shows the clinical module's alarms (ECG rhythm, NEWS2, falls, glucose, BP, …) in the web app's alert inbox:
/// acknowledge and escalate act on the one alarm per patient and condition that <see cref="AlarmManager"/> keeps.
/// </summary>
internal sealed class ClinicalAlertSource(AlarmManager alarms) : IAlertSource
{
    public ValueTask<IReadOnlyList<WebAlert>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<WebAlert>>([.. alarms.OpenAlarms().OrderByDescending(a => a.RaisedAt).Select(ToWeb)]);

    public async IAsyncEnumerable<WebAlert> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in alarms.Feed.Subscribe(cancellationToken))
        {
            if (alarms.Find(change.AlarmId) is { } alarm)
            {
                yield return ToWeb(alarm);
            }
        }
    }

    public ValueTask<WebAlert?> AcknowledgeAsync(string alertId, string byDisplayName, CancellationToken cancellationToken) =>
        Act(alertId, id => alarms.Acknowledge(id, byDisplayName));

    public ValueTask<WebAlert?> EscalateAsync(string alertId, string byDisplayName, CancellationToken cancellationToken) =>
        Act(alertId, id => alarms.Escalate(id, byDisplayName));

    private ValueTask<WebAlert?> Act(string alertId, Action<Guid> action)
    {
        if (!Guid.TryParse(alertId, out var id) || alarms.Find(id) is not { State: not AlarmState.Cleared })
        {
            return ValueTask.FromResult<WebAlert?>(null);
        }

        action(id);
        return ValueTask.FromResult<WebAlert?>(alarms.Find(id) is { } alarm ? ToWeb(alarm) : null);
    }

    private static WebAlert ToWeb(Alarm alarm) => new(
        alarm.Id.ToString(),
        alarm.PatientId,
        alarm.Severity switch
        {
            AlertSeverity.High => "critical",
            AlertSeverity.Medium => "warning",
            AlertSeverity.Low => "info",
            _ => "info",
        },
        alarm.Condition,
        alarm.Detail,
        alarm.RaisedAt,
        alarm.State switch
        {
            AlarmState.Acknowledged => AlertState.Acknowledged,
            _ when alarm.RosterIndex > 0 => AlertState.Escalated,
            _ => AlertState.Open,
        },
        alarm.AcknowledgedBy ?? alarm.AssignedTo,
        alarm.State == AlarmState.Active && alarm.RosterIndex == 0 ? null : alarm.LastNotifiedAt);
}
