using Microsoft.Data.Sqlite;
using SensorChain.Protocol;

namespace SensorChain.Edge.Outbox;

/// <summary>
/// The outbox on SQLite in WAL mode with synchronous=FULL: a batch that <see cref="AppendAsync"/> returned for is on disk
/// and survives kill -9 and power loss. One connection, serialised by a semaphore (the gateway is one process).
/// </summary>
public sealed class SqliteOutbox : IOutbox
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteOutbox(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (or creates) the outbox database at <paramref name="path"/>.</summary>
    public static async Task<SqliteOutbox> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=FULL;
                CREATE TABLE IF NOT EXISTS chain (id INTEGER PRIMARY KEY CHECK (id = 1), next_sequence INTEGER NOT NULL, previous_hash BLOB NOT NULL);
                INSERT OR IGNORE INTO chain (id, next_sequence, previous_hash) VALUES (1, 0, zeroblob(32));
                CREATE TABLE IF NOT EXISTS outbox (sequence INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new SqliteOutbox(connection);
    }

    /// <inheritdoc />
    public async ValueTask<ChainState> GetChainStateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await ReadChainAsync(null, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask AppendAsync(SignedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            var chain = await ReadChainAsync(transaction, cancellationToken);
            if (batch.Sequence != chain.NextSequence || batch.Batch.PreviousHash != chain.PreviousHash)
            {
                throw new InvalidOperationException(
                    $"Batch {batch.Sequence} does not continue the chain (expected sequence {chain.NextSequence}).");
            }

            await using (var insert = _connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO outbox (sequence, bytes) VALUES ($s, $b)";
                insert.Parameters.AddWithValue("$s", checked((long)batch.Sequence));
                insert.Parameters.AddWithValue("$b", batch.Bytes.ToArray());
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var advance = _connection.CreateCommand())
            {
                advance.Transaction = transaction;
                advance.CommandText = "UPDATE chain SET next_sequence = $n, previous_hash = $h WHERE id = 1";
                advance.Parameters.AddWithValue("$n", checked((long)batch.Sequence + 1));
                advance.Parameters.AddWithValue("$h", batch.Hash.ToArray());
                await advance.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<OutboxEntry>> PeekAsync(int limit, long afterSequence, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT sequence, bytes FROM outbox WHERE sequence > $after ORDER BY sequence LIMIT $limit";
            command.Parameters.AddWithValue("$after", afterSequence);
            command.Parameters.AddWithValue("$limit", limit);
            var entries = new List<OutboxEntry>(limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new OutboxEntry((ulong)reader.GetInt64(0), (byte[])reader.GetValue(1)));
            }

            return entries;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(ulong sequence, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM outbox WHERE sequence = $s";
            command.Parameters.AddWithValue("$s", checked((long)sequence));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM outbox";
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
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

    private async Task<ChainState> ReadChainAsync(SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT next_sequence, previous_hash FROM chain WHERE id = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The outbox's chain row is missing: the database is damaged.");
        }

        return new ChainState((ulong)reader.GetInt64(0), BatchHash.FromBytes((byte[])reader.GetValue(1)));
    }
}
