using Microsoft.Extensions.DependencyInjection;
using SensorChain.Cloud.Tests.Support;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Sqlite;
using SensorChain.TestSupport;
using SensorChain.TimeSeries;

namespace SensorChain.Storage.Tests;

/// <summary>The sink as the cloud host composes it: registered by AddSensorChainTimeSeries, fed by IngestService, read back from a real InfluxDB.</summary>
public sealed class TimeSeriesRegistrationTests(InfluxServer influx) : IClassFixture<InfluxServer>
{
    [Fact]
    public async Task Registered_sink_writes_every_ingested_batch_to_influx()
    {
        var services = new ServiceCollection();
        services.AddSensorChainTimeSeries(new TimeSeriesSinkOptions(influx.BaseUri));
        await using var provider = services.BuildServiceProvider();
        var handlers = provider.GetServices<IAcceptedBatchHandler>().ToList();
        var sink = Assert.IsType<TimeSeriesSink>(Assert.Single(handlers));

        using var dir = new TempDirectory();
        await using var store = await SqliteIngestStore.OpenAsync(dir.Path, TimeProvider.System, CancellationToken.None);
        using var gateway = new TestGateway(1_700_000_100_000);
        var patient = DeviceEnrollmentService.NewPatientId();
        await DeviceEnrollmentService.EnrollAsync(store, gateway.Key.PublicKeySpki, patient, TimeProvider.System, CancellationToken.None);
        using var ingest = new IngestService(store, handlers, TimeProvider.System);
        for (var i = 0; i < 3; i++)
        {
            var result = await ingest.IngestAsync(gateway.Next().Bytes, TimeProvider.System.GetUtcNow(), null, CancellationToken.None);
            Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        }

        Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(0, sink.Stats.Dropped);
        var rows = await influx.QueryAsync($"SELECT heart_rate FROM vitals WHERE patient = '{patient}' AND heart_rate > 0");
        Assert.Equal(3, rows.Count);
    }
}
