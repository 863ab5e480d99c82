using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SensorChain.Clinical.Alarms;
using SensorChain.Ingest.Access;

namespace SensorChain.Clinical.Notifications;

/// <summary>Registers alarm notifications (webhook, e-mail) on top of <see cref="ClinicalServiceCollectionExtensions.AddSensorChainClinical"/>.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="AlarmNotifier"/> (hosted), the webhook channel, the e-mail channel when
    /// <see cref="NotificationOptions.Smtp"/> is set, and the dead-letter store (SQLite <c>alarms.db</c> when
    /// <see cref="AlarmOptions.DataDirectory"/> is set, else in memory). The consent check defaults to
    /// <see cref="OpenPatientDataAccess"/> unless the host registered its own <see cref="IPatientDataAccess"/>.
    /// </summary>
    public static IServiceCollection AddSensorChainNotifications(this IServiceCollection services, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IPatientDataAccess, OpenPatientDataAccess>();
        services.TryAddSingleton<IDeadLetterStore>(sp => sp.GetService<AlarmOptions>()?.DataDirectory is { } dir
            ? new SqliteDeadLetterStore(Path.Combine(dir, "alarms.db"))
            : new InMemoryDeadLetterStore());
        services.AddHttpClient("sensorchain-webhooks");
        services.AddSingleton<INotificationChannel>(sp => new WebhookChannel(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("sensorchain-webhooks"), sp.GetRequiredService<TimeProvider>()));
        if (options.Smtp is { } smtp)
        {
            services.AddSingleton<INotificationChannel>(new SmtpEmailChannel(smtp));
        }

        services.TryAddSingleton(sp => new AlarmNotifier(
            sp.GetRequiredService<AlarmFeed>(),
            sp.GetServices<INotificationChannel>(),
            sp.GetRequiredService<IPatientDataAccess>(),
            sp.GetRequiredService<IDeadLetterStore>(),
            sp.GetRequiredService<NotificationOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<AlarmNotifier>>()));
        services.AddHostedService(sp => sp.GetRequiredService<AlarmNotifier>());
        return services;
    }
}
