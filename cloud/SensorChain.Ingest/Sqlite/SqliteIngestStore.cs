using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Sqlite;

/// <summary>
/// The embedded <see cref="IIngestStore"/>: one SQLite file in WAL mode (synchronous=FULL, so an acknowledged batch
/// survives a power cut). Batch and resource writes are group-committed by one writing connection with prepared
/// statements (<see cref="SqliteWriteQueue"/>): concurrent ingests share a transaction and its fsync, and each caller
/// hears back only after that commit. Readers run concurrently. (device, sequence) is the primary key of
/// <c>batches</c>, which is what keeps several ingester processes from storing one sequence twice.
/// </summary>
public sealed class SqliteIngestStore : IIngestStore
{
    /// <summary>File name of the cloud database inside a data folder (<c>--data DIR</c>).</summary>
    public const string DefaultFileName = "cloud.db";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly SqliteWriteQueue _writes;
    private readonly ConcurrentBag<SqliteContextReader> _readers = [];

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
        _writes = new SqliteWriteQueue(() => new SqliteWriter(_connectionString), _writeGate);
    }

    /// <summary>
    /// True (the default): a stored batch's Observations are kept as <see cref="BatchObservationReference"/>s to the raw
    /// batch (about 60 bytes instead of 1.5 KB of JSON each) and rendered on read. False keeps their JSON, as PostgreSQL does.
    /// Either way reads return the same JSON, and a database may hold both kinds of rows.
    /// </summary>
    public bool KeepsBatchObservationsAsReferences { get; init; } = true;

    /// <summary>Write transactions so far (each holds every batch and resource queued meanwhile) and the writer's busy time.</summary>
    public SqliteWriteStatistics WriteStatistics => _writes.Statistics;

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
    public Task InitializeAsync(CancellationToken cancellationToken) => InitializeAsync(int.MaxValue, cancellationToken);

    /// <summary>Applies the migrations up to <paramref name="upToVersion"/> (tests build older databases with it).</summary>
    internal async Task InitializeAsync(int upToVersion, CancellationToken cancellationToken)
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
            await using (var newest = Command(connection, null, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
            {
                var found = Convert.ToInt32(await newest.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                var known = SqliteSchema.Migrations[^1].Version;
                if (found > known)
                {
                    throw new InvalidOperationException(
                        $"{Path} has schema version {found}, written by a newer SensorChain; this build knows versions up to {known}. Run the newer build.");
                }
            }

            foreach (var (version, description, sql) in SqliteSchema.Migrations.Where(m => m.Version <= upToVersion))
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
    public Task<BatchStoreOutcome> StoreBatchAsync(StoredBatch batch, IReadOnlyList<FhirResourceRecord> resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(resources);
        var identifiers = SqliteIdentifiers.Columns(resources);
        return _writes.WriteAsync(writer => writer.StoreBatch(batch, resources, identifiers), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IngestContext> GetIngestContextAsync(DeviceId device, ulong sequence, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IngestContext>(cancellationToken);
        }

        SqliteContextReader? reader = null;
        try
        {
            if (!_readers.TryTake(out reader))
            {
                reader = new SqliteContextReader(_connectionString);
            }

            var context = reader.Read(device, sequence);
            _readers.Add(reader);
            return Task.FromResult(context);
        }
        catch (SqliteException ex)
        {
            reader?.Dispose();
            return Task.FromException<IngestContext>(ex);
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
    public Task<FhirResourceRecord> UpsertResourceAsync(FhirResourceRecord resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var identifier = SqliteIdentifiers.Column(resource);
        return _writes.WriteAsync(writer => writer.Upsert(resource, identifier), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<FhirResourceRecord?> ReadResourceAsync(string resourceType, string id, CancellationToken cancellationToken) =>
        await ReadResourcesAsync(resourceType, [id], cancellationToken) is [var record] ? record : null;

    /// <inheritdoc />
    public async Task<IReadOnlyList<FhirResourceRecord>> ReadResourcesAsync(string resourceType, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT resource_type, id, version_id, last_updated_ms, json FROM resources
            WHERE resource_type = $t AND id = $i AND +is_current = 1
            """, ("$t", resourceType), ("$i", string.Empty));
        var renderer = Renderer(connection);
        var found = new List<FhirResourceRecord>(ids.Count);
        foreach (var id in ids)
        {
            command.Parameters["$i"].Value = id;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                found.Add(ReadRecord(reader));
            }
        }

        for (var i = 0; i < found.Count; i++)
        {
            found[i] = renderer.Render(found[i]);
        }

        return found;
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
        return await reader.ReadAsync(cancellationToken) ? Renderer(connection).Render(ReadRecord(reader)) : null;
    }

    /// <inheritdoc />
    public async Task<ObservationPage> SearchObservationsAsync(ObservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Only a current Observation with search columns has a patient (schema v3), and every search index covers exactly those
        // rows ("WHERE patient_id IS NOT NULL"), so the term below both selects them and lets SQLite use the indexes.
        var where = new StringBuilder(" WHERE r.patient_id IS NOT NULL");
        var parameters = new List<(string, object)>();
        void Add(string clause, params (string Name, object Value)[] values)
        {
            where.Append(" AND ").Append(clause);
            parameters.AddRange(values);
        }

        if (query.PatientId is { } patient)
        {
            Add("r.patient_id = $patient", ("$patient", patient));
        }

        AddTokens(0, query.Codes, "code");
        AddTokens(1, query.Categories, "cat");
        if (query.EffectiveFrom is { } from)
        {
            Add(query.FromInclusive ? "r.effective_end_ms >= $from" : "r.effective_end_ms > $from", ("$from", from.ToUnixTimeMilliseconds()));
        }

        if (query.EffectiveTo is { } to)
        {
            Add(query.ToInclusive ? "r.effective_start_ms <= $to" : "r.effective_start_ms < $to", ("$to", to.ToUnixTimeMilliseconds()));
        }

        if (query.LastUpdatedFrom is { } updatedFrom)
        {
            Add("r.last_updated_ms >= $uf", ("$uf", updatedFrom.ToUnixTimeMilliseconds()));
        }

        if (query.LastUpdatedTo is { } updatedTo)
        {
            Add("r.last_updated_ms <= $ut", ("$ut", updatedTo.ToUnixTimeMilliseconds()));
        }

        if (query.PatientId is null && (query.LastUpdatedFrom is not null || query.LastUpdatedTo is not null))
        {
            // _lastUpdated without a patient: these terms (true of every searchable row) let SQLite use ix_resources_current.
            Add("r.is_current = 1 AND r.resource_type = 'Observation'");
        }

        await using var connection = await OpenAsync(cancellationToken);
        long total;
        await using (var count = Command(connection, null, "SELECT COUNT(*) FROM resources r" + where, [.. parameters]))
        {
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var items = new List<FhirResourceRecord>();
        List<string>? unreadable = null;
        if (query.Count > 0)
        {
            var direction = query.DescendingByDate ? "DESC" : "ASC";
            parameters.Add(("$limit", query.Count));
            parameters.Add(("$offset", Math.Max(0, query.Offset)));
            await using var select = Command(connection, null, $"""
                SELECT r.resource_type, r.id, r.version_id, r.last_updated_ms, r.json
                FROM resources r
                {where} ORDER BY r.effective_start_ms {direction}, r.id {direction} LIMIT $limit OFFSET $offset
                """, [.. parameters]);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadRecord(reader));
            }

            // A match whose batch fails its check is left out and named, so the rest of the page is still served.
            var renderer = Renderer(connection);
            var rendered = new List<FhirResourceRecord>(items.Count);
            foreach (var item in items)
            {
                try
                {
                    rendered.Add(renderer.Render(item));
                }
                catch (InvalidDataException ex)
                {
                    (unreadable ??= []).Add(ex.Message);
                }
            }

            items = rendered;
        }

        return new ObservationPage(items, total, unreadable);

        void AddTokens(int kind, IReadOnlyList<string>? tokens, string prefix)
        {
            if (tokens is not { Count: > 0 })
            {
                return;
            }

            // Each stored token sits between separators: "<sep>system|code<sep>"; a bare code matches any system.
            var column = kind == 0 ? "r.codes" : "r.categories";
            var alternatives = new List<string>();
            var values = new List<(string, object)>();
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                alternatives.Add($"instr({column}, ${prefix}{i}) > 0");
                values.Add(($"${prefix}{i}", token.Contains('|', StringComparison.Ordinal)
                    ? SqliteSchema.TokenSeparator + token + SqliteSchema.TokenSeparator
                    : "|" + token + SqliteSchema.TokenSeparator));
            }

            Add($"({string.Join(" OR ", alternatives)})", [.. values]);
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
        var renderer = Renderer(connection);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return renderer.Render(ReadRecord(reader));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _writeGate.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static DeviceEnrollment ReadEnrollment(SqliteDataReader reader) =>
        new(DeviceId.Parse(reader.GetString(0)), (byte[])reader[1], reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));

    /// <summary>Renders batch Observation references read on <paramref name="connection"/> (a second statement on it, which SQLite allows while a reader is open).</summary>
    private static SqliteBatchRenderer Renderer(SqliteConnection connection) => new((device, sequence) =>
    {
        using var command = Command(connection, null, SqliteBatchRenderer.LoadSql,
            ("$d", device.ToString()), ("$s", unchecked((long)sequence)));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ((byte[])reader[0], (byte[])reader[1]) : null;
    });

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
