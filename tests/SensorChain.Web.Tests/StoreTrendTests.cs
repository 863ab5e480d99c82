using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.FirmwareSim;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;
using SensorChain.Web.Consent;
using SensorChain.Web.Live;
using SensorChain.Web.Tests.Support;

namespace SensorChain.Web.Tests;

/// <summary>With an ingest store registered, the trend chart reads the stored Observations, so it survives a restart.</summary>
public sealed class StoreTrendTests : IAsyncLifetime
{
    private SqliteIngestStore _store = null!;
    private WebTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await WebTestHost.StartAsync(compose: async (services, dir) =>
        {
            _store = await SqliteIngestStore.OpenAsync(Path.Combine(dir, "ingest"), TimeProvider.System, CancellationToken.None);
            services.AddSingleton<IIngestStore>(_store);
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task After_a_restart_the_trend_comes_back_from_the_store_with_the_same_values()
    {
        Assert.IsType<StoreTrendSource>(_host.Services.GetRequiredService<ITrendSource>());
        using var key = DeviceKey.Create();
        await _store.EnrollDeviceAsync(new DeviceEnrollment(key.Id, key.PublicKeySpki, WebTestHost.PatientId, DateTimeOffset.UtcNow), default);
        var live = _host.Services.GetRequiredService<LiveHub>();
        using var ingest = new IngestService(_store, [live], TimeProvider.System);
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000 - 20_000;
        var patient = new VirtualPatient(3, Scenario.Stable, start);
        var previous = default(BatchHash);
        for (ulong i = 0; i < 12; i++)
        {
            var window = start + (long)i * 1000;
            var signed = BatchCodec.Sign(new SensorBatch(key.Id, i, previous, window, 1000, RandomNumberGenerator.GetBytes(16), patient.RenderWindow(window, 1000)), key);
            await ingest.IngestAsync(signed.Bytes, DateTimeOffset.UtcNow, null, default);
            previous = signed.Hash;
        }

        var before = live.Trend(WebTestHost.PatientId);
        Assert.Equal(12, before.Count);

        // A restarted app: a new, empty live hub over the same store.
        var restarted = new LiveHub(_host.Services.GetRequiredService<AccessPolicy>(), _host.Services.GetRequiredService<ConsentStore>());
        Assert.Empty(restarted.Trend(WebTestHost.PatientId));
        var after = await new StoreTrendSource(_store, restarted, TimeProvider.System).GetAsync(WebTestHost.PatientId, default);

        Assert.Equal(before.Select(p => p.AtUnixMs), after.Select(p => p.AtUnixMs));
        foreach (var (memory, stored) in before.Zip(after))
        {
            Assert.NotNull(stored.HeartRate);
            Assert.Equal(memory.HeartRate!.Value, stored.HeartRate!.Value, 0.5);
            Assert.Equal(memory.SpO2!.Value, stored.SpO2!.Value, 0.5);
        }
    }

    [Fact]
    public void Unreadable_or_foreign_observations_are_skipped()
    {
        var points = new Dictionary<long, VitalsSnapshot>();
        StoreTrendSource.Merge(points, "{ not json");
        StoreTrendSource.Merge(points, """{"resourceType":"Observation","code":{"coding":[{"code":"8867-4"}]},"valueQuantity":{"value":70}}""");
        StoreTrendSource.Merge(points, """{"resourceType":"Observation","effectiveDateTime":"2026-01-01T00:00:00Z","code":{"coding":[{"code":"11111-1"}]},"valueQuantity":{"value":1}}""");
        Assert.Empty(points);
        StoreTrendSource.Merge(points, """{"resourceType":"Observation","effectivePeriod":{"start":"2026-01-01T00:00:00Z"},"code":{"coding":[{"code":"8867-4"}]},"valueQuantity":{"value":71.5}}""");
        Assert.Equal(71.5, Assert.Single(points).Value.HeartRate);
    }
}
