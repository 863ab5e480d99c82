using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SensorChain.Clinical.Alarms;
using SensorChain.Ingest.Pipeline;

namespace SensorChain.Clinical;

/// <summary>Registers clinical detection and alarms.</summary>
public static class ClinicalServiceCollectionExtensions
{
    /// <summary>
    /// Adds the alarm feed, the alarm manager, the escalation timer and <see cref="ClinicalDetectionHandler"/> as an
    /// <see cref="IAcceptedBatchHandler"/>.
    /// </summary>
    public static IServiceCollection AddSensorChainClinical(this IServiceCollection services, AlarmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new AlarmOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton<AlarmFeed>();
        services.TryAddSingleton<IAlarmHistoryStore>(sp => sp.GetRequiredService<AlarmOptions>().DataDirectory is { } dir
            ? new SqliteAlarmHistoryStore(Path.Combine(dir, "alarms.db"))
            : new InMemoryAlarmHistoryStore());
        services.TryAddSingleton(sp => new AlarmManager(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AlarmFeed>(), sp.GetRequiredService<AlarmOptions>(), sp.GetRequiredService<IAlarmHistoryStore>()));
        services.TryAddSingleton(sp => new ClinicalDetectionHandler(sp.GetRequiredService<AlarmManager>()));
        services.AddSingleton<IAcceptedBatchHandler>(sp => sp.GetRequiredService<ClinicalDetectionHandler>());
        services.AddHostedService<AlarmTickService>();
        return services;
    }
}
