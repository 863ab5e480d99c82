using System.Globalization;
using SensorChain.Clinical.Alarms;

namespace SensorChain.Cli.Hosting;

/// <summary>Prints the clinical alarms the demo raises, as a doctor's pager would show them (patient number, no PHI).</summary>
internal static class DemoAlertPrinter
{
    public static async Task RunAsync(AlarmFeed feed, IReadOnlyList<string> patientIds, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in feed.Subscribe(cancellationToken))
            {
                if (change.Kind is not (AlarmChangeKind.Raised or AlarmChangeKind.SeverityRaised or AlarmChangeKind.Escalated))
                {
                    continue;
                }

                var index = patientIds.ToList().IndexOf(change.PatientId);
                var who = index >= 0 ? "patient " + (index + 1).ToString(CultureInfo.InvariantCulture) : change.PatientId;
                await output.WriteLineAsync($"  ALERT {change.Kind.ToString().ToLowerInvariant(),-14} {change.Severity,-8} {who}: {change.Condition} — {change.Detail}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
