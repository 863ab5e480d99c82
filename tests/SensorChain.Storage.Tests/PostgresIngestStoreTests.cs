using Npgsql;
using SensorChain.Ingest.Storage;
using SensorChain.Storage.Postgres;
using static SensorChain.Storage.Tests.StoreData;

namespace SensorChain.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresIngestStoreTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<PostgresIngestStore> NewStoreAsync()
    {
        var store = new PostgresIngestStore(await server.CreateDatabaseAsync());
        await store.InitializeAsync(None);
        return store;
    }

    [Fact]
    public async Task Initialize_twice_keeps_schema_version_and_data()
    {
        var connection = await server.CreateDatabaseAsync();
        await using (var first = new PostgresIngestStore(connection))
        {
            await first.InitializeAsync(None);
            await first.EnrollDeviceAsync(Enrollment("p1"), None);
        }

        await using var second = new PostgresIngestStore(connection);
        await second.InitializeAsync(None);
        Assert.Equal(1, second.SchemaVersion);
        Assert.Single(await second.ListDevicesAsync(None));
    }

    [Fact]
    public async Task Enrolled_device_is_found_and_listed()
    {
        await using var store = await NewStoreAsync();
        var enrollment = Enrollment("patient-a");
        await store.EnrollDeviceAsync(enrollment, None);
        var found = await store.FindDeviceAsync(enrollment.Device, None);
        Assert.NotNull(found);
        Assert.Equal("patient-a", found.PatientId);
        Assert.Equal(enrollment.PublicKeySpki, found.PublicKeySpki);
        Assert.Null(await store.FindDeviceAsync(Enrollment("x").Device, None));
    }

    [Fact]
    public async Task Enrolment_with_a_key_that_does_not_match_the_id_is_rejected()
    {
        await using var store = await NewStoreAsync();
        var a = Enrollment("a");
        var b = Enrollment("b");
        await Assert.ThrowsAsync<ArgumentException>(() => store.EnrollDeviceAsync(a with { PublicKeySpki = b.PublicKeySpki }, None));
    }

    [Fact]
    public async Task Redelivered_batch_is_already_stored_and_changes_nothing()
    {
        await using var store = await NewStoreAsync();
        var device = Enrollment("p").Device;
        var batch = Batch(device, 0);
        Assert.Equal(BatchStoreOutcome.Stored, await store.StoreBatchAsync(batch, [Observation("o1", "p", "8867-4", T0, 70)], None));
        Assert.Equal(BatchStoreOutcome.AlreadyStored, await store.StoreBatchAsync(batch, [Observation("o1", "p", "8867-4", T0, 99)], None));
        var read = await store.ReadResourceAsync("Observation", "o1", None);
        Assert.NotNull(read);
        Assert.Contains("\"value\":70", read.Json, StringComparison.Ordinal);
        Assert.Equal(1, read.VersionId);
    }

    [Fact]
    public async Task Grouped_store_keeps_each_batch_atomic_idempotent_and_in_order()
    {
        await using var store = await NewStoreAsync();
        var device = Enrollment("p").Device;
        var first = await store.StoreBatchesAsync(
        [
            (Batch(device, 0), [Observation("g0", "p", "8867-4", T0, 70)]),
            (Batch(device, 1), [Observation("g1", "p", "8867-4", T0.AddSeconds(1), 71)]),
        ], None);
        Assert.Equal([BatchStoreOutcome.Stored, BatchStoreOutcome.Stored], first);

        var again = await store.StoreBatchesAsync(
        [
            (Batch(device, 1), [Observation("g1", "p", "8867-4", T0.AddSeconds(1), 99)]),
            (Batch(device, 2, salt: 0), [Observation("g2", "p", "8867-4", T0.AddSeconds(2), 72)]),
            (Batch(device, 0, salt: 5), [Observation("gx", "p", "8867-4", T0, 1)]),
        ], None);
        Assert.Equal([BatchStoreOutcome.AlreadyStored, BatchStoreOutcome.Stored, BatchStoreOutcome.Conflict], again);
        Assert.Contains("\"value\":71", (await store.ReadResourceAsync("Observation", "g1", None))!.Json, StringComparison.Ordinal);
        Assert.NotNull(await store.ReadResourceAsync("Observation", "g2", None));
        Assert.Null(await store.ReadResourceAsync("Observation", "gx", None));
        Assert.Equal(2UL, (await store.GetChainHeadAsync(device, None))!.Sequence);
    }

    [Fact]
    public async Task Same_sequence_with_another_hash_is_a_conflict()
    {
        await using var store = await NewStoreAsync();
        var device = Enrollment("p").Device;
        Assert.Equal(BatchStoreOutcome.Stored, await store.StoreBatchAsync(Batch(device, 0), [], None));
        Assert.Equal(BatchStoreOutcome.Conflict, await store.StoreBatchAsync(Batch(device, 0, salt: 9), [Observation("o2", "p", "8867-4", T0, 1)], None));
        Assert.Null(await store.ReadResourceAsync("Observation", "o2", None));
        var stored = await store.GetBatchAsync(device, 0, None);
        Assert.Equal(Batch(device, 0).Hash, stored!.Hash);
    }

    [Fact]
    public async Task Chain_head_counts_and_lists_gaps_until_they_are_filled()
    {
        await using var store = await NewStoreAsync();
        var device = Enrollment("p").Device;
        Assert.Null(await store.GetChainHeadAsync(device, None));
        foreach (var sequence in new ulong[] { 0, 1, 4, 7 })
        {
            await store.StoreBatchAsync(Batch(device, sequence), [], None);
        }

        var head = await store.GetChainHeadAsync(device, None);
        Assert.Equal(7UL, head!.Sequence);
        Assert.Equal(Batch(device, 7).Hash, head.Hash);
        Assert.Equal(4, head.MissingCount);
        Assert.Equal([2UL, 3, 5, 6], await store.GetMissingSequencesAsync(device, 10, None));
        Assert.Equal([2UL, 3], await store.GetMissingSequencesAsync(device, 2, None));

        await store.StoreBatchAsync(Batch(device, 3), [], None);
        await store.StoreBatchAsync(Batch(device, 5), [], None);
        Assert.Equal([2UL, 6], await store.GetMissingSequencesAsync(device, 10, None));
        Assert.Equal(2, (await store.GetChainHeadAsync(device, None))!.MissingCount);
        Assert.Equal(7UL, (await store.GetChainHeadAsync(device, None))!.Sequence);
    }

    [Fact]
    public async Task First_batch_above_zero_records_the_missing_prefix()
    {
        await using var store = await NewStoreAsync();
        var device = Enrollment("p").Device;
        await store.StoreBatchAsync(Batch(device, 3), [], None);
        Assert.Equal([0UL, 1, 2], await store.GetMissingSequencesAsync(device, 10, None));
    }

    [Fact]
    public async Task Stored_batch_reads_back_byte_for_byte()
    {
        await using var store = await NewStoreAsync();
        var device = Enrollment("p").Device;
        var batch = Batch(device, 5);
        await store.StoreBatchAsync(batch, [], None);
        var read = await store.GetBatchAsync(device, 5, None);
        Assert.NotNull(read);
        Assert.Equal(batch.CompressedBytes, read.CompressedBytes);
        Assert.Equal(batch.PreviousHash, read.PreviousHash);
        Assert.Equal(batch.ReceivedAt, read.ReceivedAt);
        Assert.Null(await store.GetBatchAsync(device, 6, None));
    }

    [Fact]
    public async Task Concurrent_ingesters_store_each_sequence_exactly_once()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var a = new PostgresIngestStore(connection);
        await using var b = new PostgresIngestStore(connection);
        await a.InitializeAsync(None);
        await b.InitializeAsync(None);
        var device = Enrollment("p").Device;
        var tasks = new List<Task<BatchStoreOutcome>>();
        for (ulong s = 0; s < 40; s++)
        {
            var batch = Batch(device, s);
            var resources = new[] { Observation($"c{s}", "p", "8867-4", T0.AddSeconds(s), s) };
            tasks.Add(a.StoreBatchAsync(batch, resources, None));
            tasks.Add(b.StoreBatchAsync(batch, resources, None));
        }

        var outcomes = await Task.WhenAll(tasks);
        Assert.Equal(40, outcomes.Count(o => o == BatchStoreOutcome.Stored));
        Assert.Equal(40, outcomes.Count(o => o == BatchStoreOutcome.AlreadyStored));
        var head = await a.GetChainHeadAsync(device, None);
        Assert.Equal(39UL, head!.Sequence);
        Assert.Equal(0, head.MissingCount);
        Assert.Equal(40, (await a.SearchObservationsAsync(new ObservationQuery(PatientId: "p", Count: 0), None)).Total);
    }

    [Fact]
    public async Task Upsert_creates_a_new_version_only_when_the_json_changes()
    {
        await using var store = await NewStoreAsync();
        var v1 = await store.UpsertResourceAsync(new FhirResourceRecord("Patient", "p1", 7, T0, """{"resourceType":"Patient","id":"p1"}"""), None);
        Assert.Equal(1, v1.VersionId);
        var same = await store.UpsertResourceAsync(v1 with { LastUpdated = T0.AddHours(1) }, None);
        Assert.Equal(1, same.VersionId);
        Assert.Equal(T0, same.LastUpdated);
        var v2 = await store.UpsertResourceAsync(new FhirResourceRecord("Patient", "p1", 1, T0.AddHours(2), """{"resourceType":"Patient","id":"p1","active":true}"""), None);
        Assert.Equal(2, v2.VersionId);
        Assert.Equal("""{"resourceType":"Patient","id":"p1","active":true}""", (await store.ReadResourceAsync("Patient", "p1", None))!.Json);
        Assert.Equal("""{"resourceType":"Patient","id":"p1"}""", (await store.ReadResourceVersionAsync("Patient", "p1", 1, None))!.Json);
        Assert.Null(await store.ReadResourceVersionAsync("Patient", "p1", 3, None));
    }

    [Fact]
    public async Task Observation_update_moves_it_to_another_month_partition_and_keeps_history()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var store = new PostgresIngestStore(connectionString);
        await store.InitializeAsync(None);
        var january = Observation("m1", "p", "8867-4", T0, 60);
        await store.UpsertResourceAsync(january, None);
        var march = Observation("m1", "p", "8867-4", T0.AddDays(40), 61);
        var v2 = await store.UpsertResourceAsync(march, None);
        Assert.Equal(2, v2.VersionId);
        Assert.Equal(march.Json, (await store.ReadResourceAsync("Observation", "m1", None))!.Json);
        Assert.Equal(january.Json, (await store.ReadResourceVersionAsync("Observation", "m1", 1, None))!.Json);
        var page = await store.SearchObservationsAsync(new ObservationQuery(PatientId: "p"), None);
        Assert.Equal(1, page.Total);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var partitions = new NpgsqlCommand(
            "SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'observations'::regclass",
            connection);
        Assert.Equal("observations_2026m01,observations_2026m03", (string)(await partitions.ExecuteScalarAsync())!);
        await using var rows = new NpgsqlCommand("SELECT count(*) FROM observations_2026m03", connection);
        Assert.Equal(1L, (long)(await rows.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Json_is_returned_exactly_as_given()
    {
        await using var store = await NewStoreAsync();
        const string json = """{ "resourceType" : "Device",  "id":"d1", "b":1, "a":2 }""";
        await store.UpsertResourceAsync(new FhirResourceRecord("Device", "d1", 1, T0, json), None);
        Assert.Equal(json, (await store.ReadResourceAsync("Device", "d1", None))!.Json);
    }

    [Fact]
    public async Task Invalid_json_is_rejected_and_nothing_is_stored()
    {
        await using var store = await NewStoreAsync();
        var device = Enrollment("p").Device;
        var bad = Observation("bad", "p", "8867-4", T0, 1) with { Json = "{not json" };
        await Assert.ThrowsAsync<PostgresException>(() => store.StoreBatchAsync(Batch(device, 0), [bad], None));
        Assert.Null(await store.GetBatchAsync(device, 0, None));
        Assert.Null(await store.GetChainHeadAsync(device, None));
    }

    [Fact]
    public async Task Duplicate_identifier_in_a_later_batch_is_not_created_twice()
    {
        await using var store = await NewStoreAsync();
        var device = Enrollment("p").Device;
        await store.StoreBatchAsync(Batch(device, 0), [Observation("i1", "p", "8867-4", T0, 1, identifier: "urn:x|1")], None);
        await store.StoreBatchAsync(Batch(device, 1), [Observation("i2", "p", "8867-4", T0, 1, identifier: "urn:x|1")], None);
        Assert.Null(await store.ReadResourceAsync("Observation", "i2", None));
        Assert.Equal(1, (await store.SearchObservationsAsync(new ObservationQuery(PatientId: "p"), None)).Total);
    }
}
