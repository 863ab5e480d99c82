using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Sqlite;

/// <summary>
/// The embedded <see cref="IIngestStore"/>: one SQLite file in WAL mode (synchronous=FULL, so an acknowledged batch
/// survives a power cut). Writes are serialised in-process; readers run concurrently. (device, sequence) is the
/// primary key of <c>batches</c>, which is what keeps several ingester processes from storing one sequence twice.
/// </summary>
public sealed class SqliteIngestStore : IIngestStore
{
    /// <summary>File name of the cloud database inside a data folder (<c>--data DIR</c>).</summary>
    public const string DefaultFileName = "cloud.db";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeProvider _time;

    /// <summary>Opens (without creating the schema) the database at <paramref name="path"/>; call <see cref="InitializeAsync"/> next.</summary>
    public SqliteIngestStore(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = time ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens <c>DIR/cloud.db</c> (creating the folder and file) and migrates it.</summary>
    public static async Task<SqliteIngestStore> OpenAsync(string dataDirectory, TimeProvider? time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var store = new SqliteIngestStore(System.IO.Path.Combine(dataDirectory, DefaultFileName), time);
        await store.InitializeAsync(cancellationToken);
        return store;
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations(
                    version INTEGER PRIMARY KEY,
                    description TEXT NOT NULL,
                    applied_at_ms INTEGER NOT NULL);
                """, cancellationToken);
            foreach (var (version, description, sql) in SqliteSchema.Migrations)
            {
                await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await using var check = Command(connection, tx, "SELECT COUNT(*) FROM schema_migrations WHERE version = $v", ("$v", version));
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }

                await ExecuteAsync(connection, tx, sql, cancellationToken);
                await using var record = Command(connection, tx, "INSERT INTO schema_migrations(version, description, applied_at_ms) VALUES ($v, $d, $t)",
                    ("$v", version), ("$d", description), ("$t", _time.GetUtcNow().ToUnixTimeMilliseconds()));
                await record.ExecuteNonQueryAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Applied schema versions, in order.</summary>
    public async Task<IReadOnlyList<int>> GetSchemaVersionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT version FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    /// <inheritdoc />
    public async Task EnrollDeviceAsync(DeviceEnrollment enrollment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        if (DeviceId.FromPublicKey(enrollment.PublicKeySpki) != enrollment.Device)
        {
            throw new ArgumentException($"Device id {enrollment.Device} is not derived from the given public key.", nameof(enrollment));
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, """
                INSERT INTO devices(device_id, public_key, patient_id, enrolled_at_ms) VALUES ($d, $k, $p, $t)
                ON CONFLICT(device_id) DO UPDATE SET patient_id = excluded.patient_id, enrolled_at_ms = excluded.enrolled_at_ms
                """,
                ("$d", enrollment.Device.ToString()), ("$k", enrollment.PublicKeySpki), ("$p", enrollment.PatientId),
                ("$t", enrollment.EnrolledAt.ToUnixTimeMilliseconds()));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<DeviceEnrollment?> FindDeviceAsync(DeviceId device, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT device_id, public_key, patient_id, enrolled_at_ms FROM devices WHERE device_id = $d", ("$d", device.ToString()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEnrollment(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeviceEnrollment>> ListDevicesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT device_id, public_key, patient_id, enrolled_at_ms FROM devices ORDER BY device_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<DeviceEnrollment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ReadEnrollment(reader));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<ChainHead?> GetChainHeadAsync(DeviceId device, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT head_sequence, head_hash, stored_count FROM chain_heads WHERE device_id = $d", ("$d", device.ToString()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var sequence = unchecked((ulong)reader.GetInt64(0));
        var stored = reader.GetInt64(2);
        return new ChainHead(device, sequence, BatchHash.FromBytes((byte[])reader[1]), unchecked((long)sequence + 1 - stored));
    }

    /// <inheritdoc />
    public async Task<BatchStoreOutcome> StoreBatchAsync(StoredBatch batch, IReadOnlyList<FhirResourceRecord> resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(resources);
        var device = batch.Device.ToString();
        var sequence = unchecked((long)batch.Sequence);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var existing = Command(connection, tx, "SELECT hash FROM batches WHERE device_id = $d AND sequence = $s", ("$d", device), ("$s", sequence)))
            {
                if (await existing.ExecuteScalarAsync(cancellationToken) is byte[] hash)
                {
                    return hash.AsSpan().SequenceEqual(batch.Hash.Bytes) ? BatchStoreOutcome.AlreadyStored : BatchStoreOutcome.Conflict;
                }
            }

            await using (var insert = Command(connection, tx, """
                INSERT INTO batches(device_id, sequence, hash, previous_hash, start_unix_ms, received_at_ms, compressed)
                VALUES ($d, $s, $h, $p, $start, $r, $c)
                """,
                ("$d", device), ("$s", sequence), ("$h", batch.Hash.ToArray()), ("$p", batch.PreviousHash.ToArray()),
                ("$start", batch.StartUnixMs), ("$r", batch.ReceivedAt.ToUnixTimeMilliseconds()), ("$c", batch.CompressedBytes)))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var head = Command(connection, tx, """
                INSERT INTO chain_heads(device_id, head_sequence, head_hash, stored_count) VALUES ($d, $s, $h, 1)
                ON CONFLICT(device_id) DO UPDATE SET
                    head_hash = CASE WHEN excluded.head_sequence > head_sequence THEN excluded.head_hash ELSE head_hash END,
                    head_sequence = MAX(head_sequence, excluded.head_sequence),
                    stored_count = stored_count + 1
                """, ("$d", device), ("$s", sequence), ("$h", batch.Hash.ToArray())))
            {
                await head.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var resource in resources)
            {
                await UpsertCoreAsync(connection, tx, resource, cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            return BatchStoreOutcome.Stored;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            // SQLITE_CONSTRAINT: another process stored this (device, sequence) first.
            var stored = await GetBatchAsync(batch.Device, batch.Sequence, cancellationToken);
            return stored is not null && stored.Hash == batch.Hash ? BatchStoreOutcome.AlreadyStored : BatchStoreOutcome.Conflict;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<StoredBatch?> GetBatchAsync(DeviceId device, ulong sequence, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT hash, previous_hash, start_unix_ms, received_at_ms, compressed FROM batches WHERE device_id = $d AND sequence = $s
            """, ("$d", device.ToString()), ("$s", unchecked((long)sequence)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredBatch(device, sequence, BatchHash.FromBytes((byte[])reader[0]), BatchHash.FromBytes((byte[])reader[1]),
            reader.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), (byte[])reader[4]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ulong>> GetMissingSequencesAsync(DeviceId device, int limit, CancellationToken cancellationToken)
    {
        var missing = new List<ulong>();
        if (limit <= 0)
        {
            return missing;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT prev, sequence FROM (
                SELECT sequence, LAG(sequence, 1, -1) OVER (ORDER BY sequence) AS prev FROM batches WHERE device_id = $d)
            WHERE sequence > prev + 1 ORDER BY sequence
            """, ("$d", device.ToString()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (missing.Count < limit && await reader.ReadAsync(cancellationToken))
        {
            for (var s = reader.GetInt64(0) + 1; s < reader.GetInt64(1) && missing.Count < limit; s++)
            {
                missing.Add(unchecked((ulong)s));
            }
        }

        return missing;
    }

    /// <inheritdoc />
    public async Task<FhirResourceRecord> UpsertResourceAsync(FhirResourceRecord resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var stored = await UpsertCoreAsync(connection, tx, resource, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return stored;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<FhirResourceRecord?> ReadResourceAsync(string resourceType, string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT resource_type, id, version_id, last_updated_ms, json FROM resources
            WHERE resource_type = $t AND id = $i AND +is_current = 1
            """, ("$t", resourceType), ("$i", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRecord(reader) : null;
    }

    /// <inheritdoc />
    public async Task<FhirResourceRecord?> ReadResourceVersionAsync(string resourceType, string id, int versionId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT resource_type, id, version_id, last_updated_ms, json FROM resources
            WHERE resource_type = $t AND id = $i AND version_id = $v
            """, ("$t", resourceType), ("$i", id), ("$v", versionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRecord(reader) : null;
    }

    /// <inheritdoc />
    public async Task<ObservationPage> SearchObservationsAsync(ObservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new StringBuilder(" WHERE 1 = 1");
        var parameters = new List<(string, object)>();
        void Add(string clause, params (string Name, object Value)[] values)
        {
            where.Append(" AND ").Append(clause);
            parameters.AddRange(values);
        }

        if (query.PatientId is { } patient)
        {
            Add("o.patient_id = $patient", ("$patient", patient));
        }

        AddTokens(0, query.Codes, "code");
        AddTokens(1, query.Categories, "cat");
        if (query.EffectiveFrom is { } from)
        {
            Add(query.FromInclusive ? "o.effective_end_ms >= $from" : "o.effective_end_ms > $from", ("$from", from.ToUnixTimeMilliseconds()));
        }

        if (query.EffectiveTo is { } to)
        {
            Add(query.ToInclusive ? "o.effective_start_ms <= $to" : "o.effective_start_ms < $to", ("$to", to.ToUnixTimeMilliseconds()));
        }

        if (query.LastUpdatedFrom is { } updatedFrom)
        {
            Add("o.last_updated_ms >= $uf", ("$uf", updatedFrom.ToUnixTimeMilliseconds()));
        }

        if (query.LastUpdatedTo is { } updatedTo)
        {
            Add("o.last_updated_ms <= $ut", ("$ut", updatedTo.ToUnixTimeMilliseconds()));
        }

        await using var connection = await OpenAsync(cancellationToken);
        long total;
        await using (var count = Command(connection, null, "SELECT COUNT(*) FROM observations o" + where, [.. parameters]))
        {
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var items = new List<FhirResourceRecord>();
        if (query.Count > 0)
        {
            var direction = query.DescendingByDate ? "DESC" : "ASC";
            parameters.Add(("$limit", query.Count));
            parameters.Add(("$offset", Math.Max(0, query.Offset)));
            await using var select = Command(connection, null, $"""
                SELECT r.resource_type, r.id, r.version_id, r.last_updated_ms, r.json
                FROM observations o JOIN resources r ON r.resource_type = 'Observation' AND r.id = o.id AND +r.is_current = 1
                {where} ORDER BY o.effective_start_ms {direction}, o.id {direction} LIMIT $limit OFFSET $offset
                """, [.. parameters]);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadRecord(reader));
            }
        }

        return new ObservationPage(items, total);

        void AddTokens(int kind, IReadOnlyList<string>? tokens, string prefix)
        {
            if (tokens is not { Count: > 0 })
            {
                return;
            }

            var alternatives = new List<string>();
            var values = new List<(string, object)>();
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                var bar = token.IndexOf('|', StringComparison.Ordinal);
                if (bar < 0)
                {
                    alternatives.Add($"t.code = ${prefix}c{i}");
                    values.Add(($"${prefix}c{i}", token));
                }
                else
                {
                    alternatives.Add($"(t.system = ${prefix}s{i} AND t.code = ${prefix}c{i})");
                    values.Add(($"${prefix}s{i}", token[..bar]));
                    values.Add(($"${prefix}c{i}", token[(bar + 1)..]));
                }
            }

            Add($"EXISTS (SELECT 1 FROM observation_tokens t WHERE t.observation_id = o.id AND t.kind = {kind} AND ({string.Join(" OR ", alternatives)}))",
                [.. values]);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<FhirResourceRecord> ExportAsync(string? resourceType, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var sql = new StringBuilder("SELECT resource_type, id, version_id, last_updated_ms, json FROM resources WHERE is_current = 1");
        var parameters = new List<(string, object)>();
        if (resourceType is not null)
        {
            sql.Append(" AND resource_type = $t");
            parameters.Add(("$t", resourceType));
        }

        if (since is { } s)
        {
            sql.Append(" AND last_updated_ms >= $since");
            parameters.Add(("$since", s.ToUnixTimeMilliseconds()));
        }

        sql.Append(" ORDER BY resource_type, id");
        await using var command = Command(connection, null, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadRecord(reader);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private static async Task<FhirResourceRecord> UpsertCoreAsync(SqliteConnection connection, SqliteTransaction tx, FhirResourceRecord resource, CancellationToken cancellationToken)
    {
        var version = 0;

        // "+is_current" keeps SQLite off ix_resources_current for this lookup: without it the planner picks that index
        // (is_current, resource_type) over the primary key and scans every current resource of the type per upsert,
        // which made ingest quadratic (about 3 batches/s after 2,000 batches in bench mqtt --pipeline full).
        await using (var current = Command(connection, tx, """
            SELECT version_id, last_updated_ms, json FROM resources WHERE resource_type = $t AND id = $i AND +is_current = 1
            """, ("$t", resource.ResourceType), ("$i", resource.Id)))
        await using (var reader = await current.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                version = reader.GetInt32(0);
                if (reader.GetString(2) == resource.Json)
                {
                    return resource with { VersionId = version, LastUpdated = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), Search = null };
                }
            }
        }

        var lastUpdated = resource.LastUpdated.ToUnixTimeMilliseconds();
        if (version > 0)
        {
            await using var retire = Command(connection, tx, "UPDATE resources SET is_current = 0 WHERE resource_type = $t AND id = $i AND +is_current = 1",
                ("$t", resource.ResourceType), ("$i", resource.Id));
            await retire.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = Command(connection, tx, """
            INSERT INTO resources(resource_type, id, version_id, last_updated_ms, is_current, json) VALUES ($t, $i, $v, $u, 1, $j)
            """, ("$t", resource.ResourceType), ("$i", resource.Id), ("$v", version + 1), ("$u", lastUpdated), ("$j", resource.Json)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (resource.ResourceType == "Observation")
        {
            await IndexObservationAsync(connection, tx, resource.Id, resource.Search, lastUpdated, cancellationToken);
        }

        return resource with { VersionId = version + 1, LastUpdated = DateTimeOffset.FromUnixTimeMilliseconds(lastUpdated), Search = null };
    }

    private static async Task IndexObservationAsync(SqliteConnection connection, SqliteTransaction tx, string id, ObservationSearchColumns? search, long lastUpdated, CancellationToken cancellationToken)
    {
        await using (var delete = Command(connection, tx, "DELETE FROM observation_tokens WHERE observation_id = $i; DELETE FROM observations WHERE id = $i", ("$i", id)))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (search is null)
        {
            return;
        }

        await using (var row = Command(connection, tx, """
            INSERT INTO observations(id, patient_id, device_id, effective_start_ms, effective_end_ms, last_updated_ms, identifier)
            VALUES ($i, $p, $d, $s, $e, $u, $id)
            """, ("$i", id), ("$p", search.PatientId), ("$d", (object?)search.DeviceId ?? DBNull.Value),
            ("$s", search.EffectiveStart.ToUnixTimeMilliseconds()), ("$e", search.EffectiveEnd.ToUnixTimeMilliseconds()),
            ("$u", lastUpdated), ("$id", (object?)search.Identifier ?? DBNull.Value)))
        {
            await row.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var token = Command(connection, tx, "INSERT OR IGNORE INTO observation_tokens(observation_id, kind, system, code) VALUES ($i, $k, $s, $c)",
            ("$i", id), ("$k", 0), ("$s", string.Empty), ("$c", string.Empty));
        foreach (var (kind, list) in new[] { (0, search.Codes), (1, search.Categories) })
        {
            foreach (var value in list)
            {
                var bar = value.IndexOf('|', StringComparison.Ordinal);
                token.Parameters["$k"].Value = kind;
                token.Parameters["$s"].Value = bar < 0 ? string.Empty : value[..bar];
                token.Parameters["$c"].Value = bar < 0 ? value : value[(bar + 1)..];
                await token.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static DeviceEnrollment ReadEnrollment(SqliteDataReader reader) =>
        new(DeviceId.Parse(reader.GetString(0)), (byte[])reader[1], reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));

    private static FhirResourceRecord ReadRecord(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4));

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;", cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
