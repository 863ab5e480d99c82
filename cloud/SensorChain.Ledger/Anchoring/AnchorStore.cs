using Microsoft.Data.Sqlite;
using SensorChain.Protocol;

namespace SensorChain.Ledger.Anchoring;

/// <summary>
/// The ingesting organization's private ledger data in SQLite: per-patient secrets (deletable for erasure) and the
/// anchor of every batch (batch hash → leaf index).
/// </summary>
public sealed class AnchorStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private AnchorStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating) the store in <paramref name="path"/>.</summary>
    public static async Task<AnchorStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS patient_secrets (patient_id TEXT PRIMARY KEY, secret BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS anchors (batch_hash BLOB PRIMARY KEY, device TEXT NOT NULL, sequence INTEGER NOT NULL,
                patient_id TEXT NOT NULL, leaf_index INTEGER NOT NULL, org_key_id INTEGER NOT NULL, hour INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS anchors_device ON anchors(device, sequence);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new AnchorStore(connection);
    }

    /// <summary>The patient's secret, created on first use.</summary>
    public async Task<byte[]> GetOrCreateSecretAsync(string patientId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var existing = await ReadSecretAsync(patientId, cancellationToken);
            if (existing is not null)
            {
                return existing;
            }

            var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO patient_secrets(patient_id, secret) VALUES ($p, $s)";
            insert.Parameters.AddWithValue("$p", patientId);
            insert.Parameters.AddWithValue("$s", secret);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return secret;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The patient's secret, or null (never created, or erased).</summary>
    public async Task<byte[]?> GetSecretAsync(string patientId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await ReadSecretAsync(patientId, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Erasure: deletes the patient's secret so no anchor can be linked to their batches any more.</summary>
    public async Task<bool> DeleteSecretAsync(string patientId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM patient_secrets WHERE patient_id = $p";
            command.Parameters.AddWithValue("$p", patientId);
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records an anchor (idempotent on the batch hash).</summary>
    public Task RecordAsync(AnchorRecord anchor, CancellationToken cancellationToken) => RecordManyAsync([anchor], cancellationToken);

    /// <summary>Records anchors in one transaction (one fsync for all; idempotent on each batch hash).</summary>
    public async Task RecordManyAsync(IReadOnlyList<AnchorRecord> anchors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (anchors.Count == 0)
        {
            return; // a group whose batches were all anchored already: no write transaction (and no fsync) for nothing
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
            using var command = _connection.CreateCommand();
            command.Transaction = (SqliteTransaction)transaction;
            command.CommandText = """
                INSERT OR IGNORE INTO anchors(batch_hash, device, sequence, patient_id, leaf_index, org_key_id, hour)
                VALUES ($h, $d, $s, $p, $i, $o, $t)
                """;
            foreach (var anchor in anchors)
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$h", anchor.BatchHash.ToArray());
                command.Parameters.AddWithValue("$d", anchor.Device.ToString());
                command.Parameters.AddWithValue("$s", (long)anchor.Sequence);
                command.Parameters.AddWithValue("$p", anchor.PatientId);
                command.Parameters.AddWithValue("$i", anchor.LeafIndex);
                command.Parameters.AddWithValue("$o", (long)anchor.OrgKeyId);
                command.Parameters.AddWithValue("$t", (long)anchor.HourBucket);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The anchor of a batch, or null.</summary>
    public async Task<AnchorRecord?> FindAsync(BatchHash batchHash, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT device, sequence, patient_id, leaf_index, org_key_id, hour FROM anchors WHERE batch_hash = $h";
            command.Parameters.AddWithValue("$h", batchHash.ToArray());
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new AnchorRecord(batchHash, DeviceId.Parse(reader.GetString(0)), (ulong)reader.GetInt64(1), reader.GetString(2),
                reader.GetInt64(3), (uint)reader.GetInt64(4), (uint)reader.GetInt64(5));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sequences of <paramref name="device"/> already anchored.</summary>
    public async Task<HashSet<ulong>> AnchoredSequencesAsync(DeviceId device, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT sequence FROM anchors WHERE device = $d";
            command.Parameters.AddWithValue("$d", device.ToString());
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var set = new HashSet<ulong>();
            while (await reader.ReadAsync(cancellationToken))
            {
                set.Add((ulong)reader.GetInt64(0));
            }

            return set;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private async Task<byte[]?> ReadSecretAsync(string patientId, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT secret FROM patient_secrets WHERE patient_id = $p";
        command.Parameters.AddWithValue("$p", patientId);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }
}
