using SensorChain.Ingest.Storage;
using SensorChain.Storage.Postgres;
using static SensorChain.Storage.Tests.StoreData;

namespace SensorChain.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ObservationSearchTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private PostgresIngestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new PostgresIngestStore(await server.CreateDatabaseAsync());
        await _store.InitializeAsync(None);
        var device = Enrollment("p").Device;
        var resources = new List<FhirResourceRecord>();
        for (var i = 0; i < 10; i++)
        {
            resources.Add(Observation($"hr{i}", "alice", "8867-4", T0.AddMinutes(i), 60 + i));
            resources.Add(Observation($"sp{i}", "alice", "59408-5", T0.AddMinutes(i), 95));
            resources.Add(Observation($"bob{i}", "bob", "8867-4", T0.AddMinutes(i), 80));
        }

        Assert.Equal(BatchStoreOutcome.Stored, await _store.StoreBatchAsync(Batch(device, 0), resources, None));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Patient_and_code_select_only_matching_observations()
    {
        var page = await _store.SearchObservationsAsync(new ObservationQuery(PatientId: "alice", Codes: [$"{Loinc}|8867-4"]), None);
        Assert.Equal(10, page.Total);
        Assert.All(page.Items, o => Assert.StartsWith("hr", o.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bare_code_matches_any_system_and_wrong_system_matches_nothing()
    {
        Assert.Equal(20, (await _store.SearchObservationsAsync(new ObservationQuery(Codes: ["8867-4"]), None)).Total);
        Assert.Equal(0, (await _store.SearchObservationsAsync(new ObservationQuery(Codes: ["http://snomed.info/sct|8867-4"]), None)).Total);
        Assert.Equal(30, (await _store.SearchObservationsAsync(new ObservationQuery(Categories: ["vital-signs"]), None)).Total);
    }

    [Fact]
    public async Task Codes_are_ored()
    {
        var page = await _store.SearchObservationsAsync(new ObservationQuery(PatientId: "alice", Codes: ["8867-4", $"{Loinc}|59408-5"]), None);
        Assert.Equal(20, page.Total);
    }

    [Fact]
    public async Task Date_bounds_use_fhir_range_semantics()
    {
        // Observation i covers [T0+i min, T0+i min+1 s]. ge T0+3min+0.5s still overlaps the i=3 period.
        var ge = await _store.SearchObservationsAsync(new ObservationQuery(PatientId: "alice", Codes: ["8867-4"], EffectiveFrom: T0.AddMinutes(3).AddMilliseconds(500)), None);
        Assert.Equal(7, ge.Total);
        Assert.Equal("hr3", ge.Items[0].Id);
        var gt = await _store.SearchObservationsAsync(new ObservationQuery(PatientId: "alice", Codes: ["8867-4"], EffectiveFrom: T0.AddMinutes(3).AddSeconds(1), FromInclusive: false), None);
        Assert.Equal(6, gt.Total);
        var window = await _store.SearchObservationsAsync(
            new ObservationQuery(PatientId: "alice", Codes: ["8867-4"], EffectiveFrom: T0.AddMinutes(2), EffectiveTo: T0.AddMinutes(5), ToInclusive: false), None);
        Assert.Equal(["hr2", "hr3", "hr4"], window.Items.Select(o => o.Id));
    }

    [Fact]
    public async Task Paging_and_descending_order_are_stable()
    {
        var first = await _store.SearchObservationsAsync(new ObservationQuery(PatientId: "alice", Codes: ["8867-4"], DescendingByDate: true, Count: 4), None);
        var second = await _store.SearchObservationsAsync(new ObservationQuery(PatientId: "alice", Codes: ["8867-4"], DescendingByDate: true, Count: 4, Offset: 4), None);
        Assert.Equal(["hr9", "hr8", "hr7", "hr6"], first.Items.Select(o => o.Id));
        Assert.Equal(["hr5", "hr4", "hr3", "hr2"], second.Items.Select(o => o.Id));
        Assert.Equal(10, second.Total);
    }

    [Fact]
    public async Task Last_updated_bounds_are_inclusive()
    {
        var page = await _store.SearchObservationsAsync(new ObservationQuery(PatientId: "bob", LastUpdatedFrom: T0.AddMinutes(4).AddSeconds(2), LastUpdatedTo: T0.AddMinutes(6).AddSeconds(2)), None);
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task Export_streams_current_versions_in_type_then_id_order()
    {
        await _store.UpsertResourceAsync(new FhirResourceRecord("Patient", "alice", 1, T0, """{"resourceType":"Patient","id":"alice"}"""), None);
        var all = new List<FhirResourceRecord>();
        await foreach (var record in _store.ExportAsync(null, null, None))
        {
            all.Add(record);
        }

        Assert.Equal(31, all.Count);
        Assert.Equal("Patient", all[^1].ResourceType);
        Assert.Equal(all.Take(30).Select(r => r.Id).Order(StringComparer.Ordinal), all.Take(30).Select(r => r.Id));
        var patients = new List<FhirResourceRecord>();
        await foreach (var record in _store.ExportAsync("Patient", T0, None))
        {
            patients.Add(record);
        }

        Assert.Single(patients);
    }
}
