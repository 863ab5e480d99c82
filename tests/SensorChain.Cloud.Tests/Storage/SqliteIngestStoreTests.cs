using Microsoft.Data.Sqlite;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Cloud.Tests.Storage;

/// <summary>The shared store contract on SQLite, plus SQLite specifics.</summary>
public sealed class SqliteIngestStoreTests : IngestStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<IIngestStore> CreateStoreAsync() =>
        await SqliteIngestStore.OpenAsync(_dir.Path, null, CancellationToken.None);

    [Fact]
    public async Task Database_uses_wal_and_records_its_schema_version()
    {
        var store = (SqliteIngestStore)Store;
        Assert.Equal([1, 2, 3, 4], await store.GetSchemaVersionsAsync(CancellationToken.None));
        Assert.True(File.Exists(_dir.File(SqliteIngestStore.DefaultFileName)));
        Assert.True(File.Exists(_dir.File(SqliteIngestStore.DefaultFileName + "-wal")));
    }

    [Fact]
    public async Task Version_1_observation_tokens_move_into_columns_and_stay_searchable()
    {
        var path = await OldDatabaseAsync("v1.db", 1, """
            INSERT INTO observations(id, patient_id, device_id, effective_start_ms, effective_end_ms, last_updated_ms, identifier)
            VALUES ('o1', 'p1', NULL, 1000, 1000, 1000, 'urn:x|1');
            INSERT INTO resources(resource_type, id, version_id, last_updated_ms, is_current, json)
            VALUES ('Observation', 'o1', 1, 1000, 1, '{"resourceType":"Observation","id":"o1"}');
            INSERT INTO observation_tokens VALUES ('o1', 0, 'http://loinc.org', '8867-4'), ('o1', 0, '', 'local-hr'),
                ('o1', 1, 'http://terminology.hl7.org/CodeSystem/observation-category', 'vital-signs');
            """);
        await using var store = new SqliteIngestStore(path);
        await store.InitializeAsync(CancellationToken.None);
        Assert.Equal([1, 2, 3, 4], await store.GetSchemaVersionsAsync(CancellationToken.None));
        async Task<long> CountAsync(ObservationQuery query) => (await store.SearchObservationsAsync(query, CancellationToken.None)).Total;
        Assert.Equal(1, await CountAsync(new ObservationQuery("p1", ["http://loinc.org|8867-4"])));
        Assert.Equal(1, await CountAsync(new ObservationQuery("p1", ["8867-4"])));
        Assert.Equal(1, await CountAsync(new ObservationQuery("p1", ["|local-hr"])));
        Assert.Equal(1, await CountAsync(new ObservationQuery("p1", Categories: ["vital-signs"])));
        Assert.Equal(0, await CountAsync(new ObservationQuery("p1", ["http://snomed.info/sct|8867-4"])));
        Assert.Equal(0, await CountAsync(new ObservationQuery("p1", ["8867"])));
    }

    [Fact]
    public async Task Version_2_batches_resources_and_search_rows_survive_the_move_to_version_3()
    {
        // A version 2 database: one batch, an Observation in two versions (only version 2 current and indexed), a Patient.
        var path = await OldDatabaseAsync("v2.db", 2, """
            INSERT INTO batches VALUES ('d1', 7, x'01', x'02', 5000, 6000, x'0a0b0c');
            INSERT INTO resources(resource_type, id, version_id, last_updated_ms, is_current, json) VALUES
                ('Observation', 'o1', 1, 1000, 0, '{"v":1}'),
                ('Patient', 'p1', 1, 1000, 1, '{"resourceType":"Patient"}'),
                ('Observation', 'o1', 2, 2000, 1, '{"v":2}');
            INSERT INTO observations VALUES ('o1', 'p1', 'd1', 5000, 6000, 2000, 'urn:x|1', char(31) || 'http://loinc.org|8867-4' || char(31), char(31) || char(31));
            """);

        await using var store = new SqliteIngestStore(path);
        await store.InitializeAsync(CancellationToken.None);
        var ct = CancellationToken.None;
        Assert.Equal([1, 2, 3, 4], await store.GetSchemaVersionsAsync(ct));
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var read = connection.CreateCommand();
            read.CommandText = """
                SELECT (SELECT hex(compressed) || ':' || start_unix_ms FROM batches WHERE device_id = 'd1' AND sequence = 7),
                       (SELECT COUNT(*) FROM resources WHERE patient_id IS NOT NULL),
                       (SELECT COUNT(*) FROM resources WHERE id = 'o1' AND version_id = 1 AND patient_id IS NULL)
                """;
            await using var reader = await read.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("0A0B0C:5000", reader.GetString(0));
            Assert.Equal(1, reader.GetInt64(1));
            Assert.Equal(1, reader.GetInt64(2));
        }

        var page = await store.SearchObservationsAsync(new ObservationQuery("p1", ["8867-4"], EffectiveFrom: DateTimeOffset.FromUnixTimeMilliseconds(5500)), ct);
        Assert.Equal("o1", Assert.Single(page.Items).Id);
        Assert.Equal(2, page.Items[0].VersionId);
        Assert.Equal("""{"v":1}""", (await store.ReadResourceVersionAsync("Observation", "o1", 1, ct))!.Json);
        Assert.NotNull(await store.ReadResourceAsync("Patient", "p1", ct));
        Assert.Equal(0, (await store.SearchObservationsAsync(new ObservationQuery("p1", LastUpdatedTo: DateTimeOffset.FromUnixTimeMilliseconds(1500)), ct)).Total);
    }

    [Fact]
    public async Task Batch_observations_keep_their_identifiers_out_of_the_unique_index()
    {
        // Their ids are derived from their identifiers, so the primary key keeps those unique; the index holds the rest.
        var (gateway, patient) = await EnrolledAsync();
        Assert.Equal(BatchStoreOutcome.Stored, await StoreAsync(gateway.Next(), patient));
        await Store.UpsertResourceAsync(new FhirResourceRecord("Observation", "posted", 1, DateTimeOffset.UnixEpoch, """{"resourceType":"Observation"}""",
            new ObservationSearchColumns(patient, null, ["http://loinc.org|8867-4"], [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "urn:x|posted")), CancellationToken.None);

        await using var connection = new SqliteConnection($"Data Source={((SqliteIngestStore)Store).Path}");
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = """
            SELECT (SELECT COUNT(*) FROM resources WHERE identifier = ''),
                   (SELECT group_concat(identifier) FROM resources WHERE identifier <> ''),
                   (SELECT COUNT(*) FROM resources WHERE patient_id = $p)
            """;
        read.Parameters.AddWithValue("$p", patient);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(reader.GetInt64(2) - 1, reader.GetInt64(0));
        Assert.True(reader.GetInt64(0) >= 5);
        Assert.Equal("urn:x|posted", reader.GetString(1));
    }

    [Fact]
    public async Task A_database_of_a_newer_schema_is_refused_naming_both_versions()
    {
        var path = await OldDatabaseAsync("future.db", 4, "INSERT INTO schema_migrations VALUES (99, 'from the future', 0);");
        await using var store = new SqliteIngestStore(path);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("versions up to 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_observations_are_kept_as_references_to_their_raw_batch_and_the_provenance_as_json()
    {
        var (gateway, patient) = await EnrolledAsync();
        await StoreAsync(gateway.Next(), patient);

        var rows = await QueryAsync("SELECT resource_type || ' ' || json FROM resources");
        Assert.Equal(11, rows.Count(r => r == $"Observation batch-observation:1:{gateway.Device}:0:{patient}"));
        Assert.Single(rows, r => r.StartsWith("Provenance {", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_observation_whose_raw_batch_was_changed_is_not_served_and_the_error_names_the_batch()
    {
        var ct = CancellationToken.None;
        var (gateway, patient) = await EnrolledAsync();
        await StoreAsync(gateway.Next(), patient);
        await StoreAsync(gateway.Next(), patient);
        Assert.Single(await QueryAsync($"UPDATE batches SET compressed = (SELECT compressed FROM batches WHERE sequence = 1) WHERE sequence = 0 AND device_id = '{gateway.Device}' RETURNING 1"));

        var changed = BatchFhirMapper.ObservationId(gateway.Device, 0, SensorCodes.HeartRate);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Store.ReadResourceAsync("Observation", changed, ct));
        Assert.Contains($"Observation/{changed} cannot be rendered from batch {gateway.Device}/0", error.Message, StringComparison.Ordinal);
        Assert.Contains("it was changed", error.Message, StringComparison.Ordinal);
        var page = await Store.SearchObservationsAsync(new ObservationQuery(patient, Count: 100), ct);
        Assert.Equal(22, page.Total);
        Assert.Equal(11, page.Items.Count);
        Assert.All(page.Items, r => Assert.Contains("-1-", r.Id, StringComparison.Ordinal));
        Assert.Equal(11, page.Unreadable!.Count);
        Assert.All(page.Unreadable, m => Assert.Contains($"batch {gateway.Device}/0: the stored batch hashes to", m, StringComparison.Ordinal));
        Assert.NotNull(await Store.ReadResourceAsync("Observation", BatchFhirMapper.ObservationId(gateway.Device, 1, SensorCodes.HeartRate), ct));
    }

    [Fact]
    public async Task A_reference_this_build_cannot_render_is_refused_naming_what_is_wrong()
    {
        var (gateway, patient) = await EnrolledAsync();
        await StoreAsync(gateway.Next(), patient);
        var id = BatchFhirMapper.ObservationId(gateway.Device, 0, SensorCodes.HeartRate);
        Assert.Single(await QueryAsync($"UPDATE resources SET json = replace(json, 'batch-observation:1:', 'batch-observation:9:') WHERE id = '{id}' RETURNING 1"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Store.ReadResourceAsync("Observation", id, CancellationToken.None));
        Assert.Contains($"Observation/{id} cannot be rendered", error.Message, StringComparison.Ordinal);
        Assert.Contains("render version 9 is not known", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observations_kept_as_json_and_as_references_read_back_alike_in_one_database()
    {
        // A database migrated from version 3 holds JSON rows; a store may also be told to keep JSON.
        var ct = CancellationToken.None;
        var (gateway, patient) = await EnrolledAsync();
        var first = gateway.Next();
        await StoreAsync(first, patient);
        SignedBatch second;
        await using (var keepsJson = new SqliteIngestStore(((SqliteIngestStore)Store).Path) { KeepsBatchObservationsAsReferences = false })
        {
            Assert.False(((IIngestStore)keepsJson).KeepsBatchObservationsAsReferences);
            second = gateway.Next();
            var records = BatchFhirMapper.MapObservations(second, patient).Select(o => FhirRecords.From(o, T0)).ToList();
            await keepsJson.StoreBatchAsync(new StoredBatch(second.Device, 1, second.Hash, second.Batch.PreviousHash, second.Batch.StartUnixMs, T0,
                BatchCompression.Compress(second.Bytes.Span)), records, ct);
        }

        Assert.Equal(11, (await QueryAsync("SELECT json FROM resources WHERE json LIKE '{%' AND resource_type = 'Observation'")).Count);
        var page = await Store.SearchObservationsAsync(new ObservationQuery(patient, ["http://loinc.org|8867-4"]), ct);
        var expected = new[] { first, second }.SelectMany(b => BatchFhirMapper.MapObservations(b, patient))
            .Where(o => o.Id!.EndsWith("-hr", StringComparison.Ordinal)).Select(o => FhirRecords.From(o, T0).Json);
        Assert.Equal(expected, page.Items.Select(r => r.Json));
    }

    [Fact]
    public async Task A_failing_write_fails_only_its_own_caller_among_concurrent_writes()
    {
        var ct = CancellationToken.None;
        FhirResourceRecord Observation(string id, string identifier) => new("Observation", id, 1, DateTimeOffset.UnixEpoch, $$"""{"resourceType":"Observation","id":"{{id}}"}""",
            new ObservationSearchColumns("p1", null, ["http://loinc.org|8867-4"], [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, identifier));
        await Store.UpsertResourceAsync(Observation("taken", "urn:x|taken"), ct);

        var writes = Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => Store.UpsertResourceAsync(i == 20 ? Observation("clash", "urn:x|taken") : Observation($"ok-{i}", $"urn:x|{i}"), ct)))
            .ToList();
        var failure = await Assert.ThrowsAsync<SqliteException>(() => writes[20]);
        Assert.Equal(19, failure.SqliteErrorCode); // SQLITE_CONSTRAINT, SQLite's own message
        foreach (var (write, i) in writes.Select((w, i) => (w, i)).Where(x => x.i != 20))
        {
            Assert.Equal(1, (await write).VersionId);
        }

        Assert.Null(await Store.ReadResourceAsync("Observation", "clash", ct));
        Assert.Equal(40, (await Store.SearchObservationsAsync(new ObservationQuery("p1", Count: 0), ct)).Total);
        var statistics = ((SqliteIngestStore)Store).WriteStatistics;
        Assert.Equal(41, statistics.Items);
        Assert.InRange(statistics.Commits, 1, 41);
    }

    [Fact]
    public async Task A_failing_item_of_a_group_is_undone_and_the_rest_of_the_group_is_stored()
    {
        // Item 0 holds the writer inside its transaction until A, B and C are queued, so the three form the next group
        // together: B writes, then fails. The group first runs without savepoints; B's failure must roll all of it back
        // and run it again item by item, storing A and C and nothing of B.
        var ct = CancellationToken.None;
        var connection = new SqliteConnectionStringBuilder { DataSource = ((SqliteIngestStore)Store).Path, Pooling = false }.ToString();
        await using var queue = new SqliteWriteQueue(() => new SqliteWriter(connection), new SemaphoreSlim(1));
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = queue.WriteAsync(_ => { entered.Set(); release.Wait(ct); return 0; }, ct);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));

        static FhirResourceRecord Patient(string id) =>
            new("Patient", id, 1, DateTimeOffset.UnixEpoch, $$"""{"resourceType":"Patient","id":"{{id}}"}""");
        var a = queue.WriteAsync(w => w.Upsert(Patient("group-a")), ct);
        var b = queue.WriteAsync<FhirResourceRecord>(w => { w.Upsert(Patient("group-b")); throw new InvalidOperationException("item B fails after writing"); }, ct);
        var c = queue.WriteAsync(w => w.Upsert(Patient("group-c")), ct);
        release.Set();

        Assert.Equal(0, await first);
        Assert.Equal("item B fails after writing", (await Assert.ThrowsAsync<InvalidOperationException>(() => b)).Message);
        Assert.Equal(1, (await a).VersionId);
        Assert.Equal(1, (await c).VersionId);
        Assert.NotNull(await Store.ReadResourceAsync("Patient", "group-a", ct));
        Assert.NotNull(await Store.ReadResourceAsync("Patient", "group-c", ct));
        Assert.Null(await Store.ReadResourceAsync("Patient", "group-b", ct));
        var statistics = queue.Statistics;
        Assert.Equal((2, 4), (statistics.Commits, statistics.Items)); // item 0, then one group of three
    }

    [Fact]
    public async Task Json_outside_ascii_is_stored_byte_for_byte()
    {
        // Text is bound as UTF-8 by the writer: a name with accents, CJK and an emoji must come back unchanged, and an
        // unchanged upsert must still be recognised as unchanged (no new version).
        var ct = CancellationToken.None;
        var json = """{"resourceType":"Patient","id":"p-utf8","name":[{"text":"Zoë Łukasiewicz 李小龍 🫀"}],"gender":""}""";
        var record = new FhirResourceRecord("Patient", "p-utf8", 1, DateTimeOffset.UnixEpoch, json);
        Assert.Equal(1, (await Store.UpsertResourceAsync(record, ct)).VersionId);
        Assert.Equal(1, (await Store.UpsertResourceAsync(record with { LastUpdated = DateTimeOffset.UnixEpoch.AddDays(1) }, ct)).VersionId);
        Assert.Equal(json, (await Store.ReadResourceAsync("Patient", "p-utf8", ct))!.Json);
    }

    [Fact]
    public async Task Data_survive_reopening()
    {
        var (gateway, patient) = await EnrolledAsync();
        await StoreAsync(gateway.Next(), patient);
        await using var reopened = await SqliteIngestStore.OpenAsync(_dir.Path, null, CancellationToken.None);
        Assert.NotNull(await reopened.GetBatchAsync(gateway.Device, 0, CancellationToken.None));
        Assert.NotNull(await reopened.FindDeviceAsync(gateway.Device, CancellationToken.None));
    }

    /// <summary>Runs <paramref name="sql"/> straight on the store's file; the first column of every row it returns.</summary>
    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={((SqliteIngestStore)Store).Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString()!);
        }

        return values;
    }

    /// <summary>A database at schema <paramref name="version"/> holding the rows <paramref name="sql"/> inserts.</summary>
    private async Task<string> OldDatabaseAsync(string name, int version, string sql)
    {
        var path = _dir.File(name);
        await using var old = new SqliteIngestStore(path);
        await old.InitializeAsync(version, CancellationToken.None);
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = sql;
        await insert.ExecuteNonQueryAsync();
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
