using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Storage.Postgres;

/// <summary>
/// <see cref="IIngestStore"/> on PostgreSQL (15+) through Npgsql: jsonb resources with real search columns, month
/// partitions of Observations created on demand, raw batches as bytea. Idempotency and chain bookkeeping rely on
/// constraints and row locks in the database, so several ingester processes may share one database.
/// </summary>
public sealed partial class PostgresIngestStore : IIngestStore
{
    private const string ObservationType = "Observation";
    private const string StoreBatchSql =
        "SELECT sc_store_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)";
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly ConcurrentDictionary<DateTime, bool> _knownPartitions = new();

    /// <summary>
    /// Uses (and disposes) a data source built from <paramref name="connectionString"/>. Unless the string sets
    /// <c>Max Auto Prepare</c>, the store's statements (batch store, reads, searches) are prepared on each pooled
    /// connection after first use (32 statements), saving parse and plan on every call.
    /// </summary>
    public PostgresIngestStore(string connectionString)
        : this(NpgsqlDataSource.Create(WithAutoPrepare(connectionString)), ownsDataSource: true)
    {
    }

    /// <summary>Uses a shared data source; disposes it only when <paramref name="ownsDataSource"/>.</summary>
    public PostgresIngestStore(NpgsqlDataSource dataSource, bool ownsDataSource = false)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
    }

    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>The schema version after <see cref="InitializeAsync"/>.</summary>
    public int SchemaVersion { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        SchemaVersion = await SchemaMigrator.MigrateAsync(_dataSource, cancellationToken);

    /// <inheritdoc />
    public async Task EnrollDeviceAsync(DeviceEnrollment enrollment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        if (DeviceId.FromPublicKey(enrollment.PublicKeySpki) != enrollment.Device)
        {
            throw new ArgumentException($"Device id {enrollment.Device} is not derived from the given public key.", nameof(enrollment));
        }

        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO devices (device_id, public_key, patient_id, enrolled_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (device_id) DO UPDATE SET patient_id = excluded.patient_id, enrolled_at = excluded.enrolled_at
            """);
        command.Parameters.AddWithValue(enrollment.Device.ToBytes());
        command.Parameters.AddWithValue(enrollment.PublicKeySpki);
        command.Parameters.AddWithValue(enrollment.PatientId);
        command.Parameters.AddWithValue(PgValues.Utc(enrollment.EnrolledAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DeviceEnrollment?> FindDeviceAsync(DeviceId device, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT device_id, public_key, patient_id, enrolled_at FROM devices WHERE device_id = $1");
        command.Parameters.AddWithValue(device.ToBytes());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDevice(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeviceEnrollment>> ListDevicesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT device_id, public_key, patient_id, enrolled_at FROM devices ORDER BY device_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var devices = new List<DeviceEnrollment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(ReadDevice(reader));
        }

        return devices;
    }

    /// <inheritdoc />
    public async Task<ChainHead?> GetChainHeadAsync(DeviceId device, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT sequence, hash, sequence + 1 - stored_count FROM chain_heads WHERE device_id = $1");
        command.Parameters.AddWithValue(device.ToBytes());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ChainHead(device, (ulong)reader.GetInt64(0), BatchHash.FromBytes(reader.GetFieldValue<byte[]>(1)), reader.GetInt64(2));
    }

    /// <inheritdoc />
    public async Task<BatchStoreOutcome> StoreBatchAsync(StoredBatch batch, IReadOnlyList<FhirResourceRecord> resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(resources);
        await EnsurePartitionsAsync(resources, cancellationToken);
        await using var command = _dataSource.CreateCommand(
            StoreBatchSql);
        AddBatchParameters(command.Parameters, batch, resources);
        var outcome = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        return outcome switch
        {
            0 => BatchStoreOutcome.Stored,
            1 => BatchStoreOutcome.AlreadyStored,
            _ => BatchStoreOutcome.Conflict,
        };
    }

    /// <summary>
    /// Stores several batches in one round trip (each still atomic and idempotent on its own); the fast path for an
    /// ingester draining many queued messages. Outcomes are in input order.
    /// </summary>
    public async Task<IReadOnlyList<BatchStoreOutcome>> StoreBatchesAsync(
        IReadOnlyList<(StoredBatch Batch, IReadOnlyList<FhirResourceRecord> Resources)> batches, CancellationToken cancellationToken)
    {
        if (batches.Count == 0)
        {
            return [];
        }

        foreach (var (_, resources) in batches)
        {
            await EnsurePartitionsAsync(resources, cancellationToken);
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var npgsqlBatch = new NpgsqlBatch(connection);
        foreach (var (batch, resources) in batches)
        {
            var command = new NpgsqlBatchCommand(
                StoreBatchSql);
            AddBatchParameters(command.Parameters, batch, resources);
            npgsqlBatch.BatchCommands.Add(command);
        }

        var outcomes = new BatchStoreOutcome[batches.Count];
        await using var reader = await npgsqlBatch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < outcomes.Length; i++)
        {
            await reader.ReadAsync(cancellationToken);
            outcomes[i] = reader.GetInt32(0) switch
            {
                0 => BatchStoreOutcome.Stored,
                1 => BatchStoreOutcome.AlreadyStored,
                _ => BatchStoreOutcome.Conflict,
            };
            await reader.NextResultAsync(cancellationToken);
        }

        return outcomes;
    }

    /// <inheritdoc />
    public async Task<StoredBatch?> GetBatchAsync(DeviceId device, ulong sequence, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT hash, previous_hash, start_unix_ms, received_at, payload FROM batches WHERE device_id = $1 AND sequence = $2");
        command.Parameters.AddWithValue(device.ToBytes());
        command.Parameters.AddWithValue(PgValues.Sequence(sequence));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredBatch(
            device,
            sequence,
            BatchHash.FromBytes(reader.GetFieldValue<byte[]>(0)),
            BatchHash.FromBytes(reader.GetFieldValue<byte[]>(1)),
            reader.GetInt64(2),
            PgValues.FromUtc(reader.GetDateTime(3)),
            reader.GetFieldValue<byte[]>(4));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ulong>> GetMissingSequencesAsync(DeviceId device, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await using var command = _dataSource.CreateCommand(
            """
            SELECT s FROM (SELECT first_missing, last_missing FROM gaps WHERE device_id = $1 ORDER BY first_missing) g,
                LATERAL generate_series(g.first_missing, least(g.last_missing, g.first_missing + $2 - 1)) AS s
            LIMIT $2
            """);
        command.Parameters.AddWithValue(device.ToBytes());
        command.Parameters.AddWithValue((long)limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var missing = new List<ulong>();
        while (await reader.ReadAsync(cancellationToken))
        {
            missing.Add((ulong)reader.GetInt64(0));
        }

        return missing;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private static DeviceEnrollment ReadDevice(NpgsqlDataReader reader) =>
        new(PgValues.Device(reader.GetFieldValue<byte[]>(0)), reader.GetFieldValue<byte[]>(1), reader.GetString(2), PgValues.FromUtc(reader.GetDateTime(3)));

    private static void AddBatchParameters(NpgsqlParameterCollection parameters, StoredBatch batch, IReadOnlyList<FhirResourceRecord> resources)
    {
        var observations = new List<FhirResourceRecord>(resources.Count);
        var others = new List<FhirResourceRecord>();
        foreach (var resource in resources)
        {
            if (resource.ResourceType == ObservationType && resource.Search is not null)
            {
                observations.Add(resource);
            }
            else
            {
                others.Add(resource);
            }
        }

        parameters.AddWithValue(batch.Device.ToBytes());
        parameters.AddWithValue(PgValues.Sequence(batch.Sequence));
        parameters.AddWithValue(batch.Hash.ToArray());
        parameters.AddWithValue(batch.PreviousHash.ToArray());
        parameters.AddWithValue(batch.StartUnixMs);
        parameters.AddWithValue(PgValues.Utc(batch.ReceivedAt));
        parameters.AddWithValue(batch.CompressedBytes);

        var n = observations.Count;
        var ids = new string[n];
        var versions = new int[n];
        var updated = new DateTime[n];
        var patients = new string[n];
        var devices = new string?[n];
        var codes = new string[n];
        var categories = new string[n];
        var starts = new DateTime[n];
        var ends = new DateTime[n];
        var identifiers = new string?[n];
        var json = new string[n];
        for (var i = 0; i < n; i++)
        {
            var o = observations[i];
            var s = o.Search!;
            ids[i] = o.Id;
            versions[i] = o.VersionId;
            updated[i] = PgValues.Utc(o.LastUpdated);
            patients[i] = s.PatientId;
            devices[i] = s.DeviceId;
            codes[i] = PgValues.Join(s.Codes);
            categories[i] = PgValues.Join(s.Categories);
            starts[i] = PgValues.Utc(s.EffectiveStart);
            ends[i] = PgValues.Utc(s.EffectiveEnd);
            identifiers[i] = s.Identifier;
            json[i] = o.Json;
        }

        parameters.AddWithValue(ids);
        parameters.AddWithValue(versions);
        parameters.Add(new NpgsqlParameter { Value = updated, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.AddWithValue(patients);
        parameters.Add(new NpgsqlParameter { Value = devices, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.AddWithValue(codes);
        parameters.AddWithValue(categories);
        parameters.Add(new NpgsqlParameter { Value = starts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = ends, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = identifiers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.AddWithValue(json);

        parameters.AddWithValue(others.Select(r => r.ResourceType).ToArray());
        parameters.AddWithValue(others.Select(r => r.Id).ToArray());
        parameters.Add(new NpgsqlParameter { Value = others.Select(r => PgValues.Utc(r.LastUpdated)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.AddWithValue(others.Select(r => r.Json).ToArray());
    }

    private async ValueTask EnsurePartitionsAsync(IReadOnlyList<FhirResourceRecord> resources, CancellationToken cancellationToken)
    {
        foreach (var resource in resources)
        {
            if (resource.Search is { } search)
            {
                await EnsurePartitionAsync(search.EffectiveStart, cancellationToken);
            }
        }
    }

    private async ValueTask EnsurePartitionAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var month = PgValues.MonthStart(at);
        if (_knownPartitions.ContainsKey(month))
        {
            return;
        }

        await using var command = _dataSource.CreateCommand("SELECT sc_ensure_observation_partition($1)");
        command.Parameters.AddWithValue(month);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _knownPartitions.TryAdd(month, true);
    }
}
