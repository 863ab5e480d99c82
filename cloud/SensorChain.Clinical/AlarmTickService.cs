using Microsoft.Extensions.Hosting;
using SensorChain.Clinical.Alarms;

namespace SensorChain.Clinical;

/// <summary>Calls <see cref="AlarmManager.Tick"/> every few seconds (escalations and reminders).</summary>
public sealed class AlarmTickService(AlarmManager alarms, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                alarms.Tick();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
