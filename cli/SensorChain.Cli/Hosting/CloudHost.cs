using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorChain.FhirApi;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Ledger;
using SensorChain.TimeSeries;
using SensorChain.Ledger.Embedded;
using SensorChain.Ledger.Tiles;
using SensorChain.Web;
using SensorChain.Web.Clinical;
using SensorChain.Clinical;
using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Notifications;

namespace SensorChain.Cli.Hosting;

/// <summary>
/// The cloud's composition root on embedded defaults: SQLite store, ingest service, FHIR API, and every module
/// that hooks into accepted batches. Used by <c>sensorchain demo</c> and <c>sensorchain cloud</c>.
/// </summary>
internal static class CloudHost
{
    public static async Task<WebApplication> BuildAsync(CloudHostOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.LogLevel);

        var time = TimeProvider.System;
        var store = await IngestStoreFactory.OpenAsync(options.PostgresConnection, options.StoreDirectory ?? options.DataDirectory, time, cancellationToken);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<IIngestStore>(store);
        builder.Services.AddSingleton(sp => new IngestService(
            sp.GetRequiredService<IIngestStore>(),
            sp.GetServices<IAcceptedBatchHandler>(),
            time,
            sp.GetRequiredService<ILogger<IngestService>>()));

        var ledger = await EmbeddedLedgerHost.OpenAsync(options.DataDirectory, time, cancellationToken);
        builder.Services.AddSensorChainLedger(ledger);
        // Bulk export files hold patient data: keep them with the rest of the data, not in the shared temp folder.
        builder.Services.AddSensorChainFhirApi(o => o.ExportDirectory = Path.Combine(options.DataDirectory, "exports"));
        if (options.InfluxUri is { } influx)
        {
            builder.Services.AddSensorChainTimeSeries(new TimeSeriesSinkOptions(influx));
        }

        builder.Services.AddSensorChainClinical(new AlarmOptions { Roster = ["dr.dave", "on-call"], DataDirectory = options.DataDirectory });
        builder.Services.AddSingleton<IAlertSource, ClinicalAlertSource>();
        builder.Services.AddHostedService<AlarmSubscriptionBridge>();
        if (options.Notifications is { } notifications)
        {
            builder.Services.AddSensorChainNotifications(notifications);
        }

        builder.Services.AddSensorChainWeb(o => o.DataDirectory = options.DataDirectory);
        builder.Services.AddSensorChainWebLedger(ledger);

        var app = builder.Build();
        app.UseWebSockets();
        // Health data: the FHIR API needs a signed-in user or a bearer token (POST /api/token).
        app.MapFhirApi().RequireAuthorization();
        app.MapSensorChainWeb();
        app.MapLedgerTilesApi(ledger.Ledger, "/ledger");
        app.Lifetime.ApplicationStopped.Register(() => ledger.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return app;
    }
}
