using Microsoft.Data.Sqlite;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Notes;
using SensorChain.Ledger.Tiles;
using SensorChain.Ledger.Witnessing;

namespace SensorChain.Ledger.Embedded;

/// <summary>
/// The embedded single-node ledger: entries in SQLite, the Merkle tree rebuilt in memory on open (and checked against
/// the stored checkpoint), a local log signer and in-process witnesses that cosign every checkpoint.
/// </summary>
public sealed class SqliteLedger : ILedger, IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly NoteSigner _signer;
    private readonly IReadOnlyList<Witness> _witnesses;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MerkleLog _tree = new();
    private SignedNote? _checkpoint;

    private SqliteLedger(SqliteConnection connection, NoteSigner signer, IReadOnlyList<Witness> witnesses)
    {
        _connection = connection;
        _signer = signer;
        _witnesses = witnesses;
    }

    /// <inheritdoc />
    public string Origin => _signer.Name;

    /// <summary>Current number of entries.</summary>
    public long Size => _tree.Size;

    /// <summary>Opens (creating) the ledger in <paramref name="path"/>; throws <see cref="LedgerIntegrityException"/> when the stored entries do not match the stored checkpoint.</summary>
    public static async Task<SqliteLedger> OpenAsync(string path, NoteSigner signer, IReadOnlyList<Witness> witnesses, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
                CREATE TABLE IF NOT EXISTS leaves (idx INTEGER PRIMARY KEY, data BLOB NOT NULL, leaf_hash BLOB NOT NULL);
                CREATE INDEX IF NOT EXISTS leaves_hash ON leaves(leaf_hash);
                CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var ledger = new SqliteLedger(connection, signer, witnesses);
        await ledger.LoadAsync(cancellationToken);
        return ledger;
    }

    /// <inheritdoc />
    public async Task<long> AppendAsync(IReadOnlyList<byte[]> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var first = _tree.Size;
            var oldSize = first;
            SignedNote note;
            using (var transaction = _connection.BeginTransaction())
            {
                try
                {
                    using var insert = _connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO leaves(idx, data, leaf_hash) VALUES ($i, $d, $h)";
                    var pi = insert.Parameters.Add("$i", SqliteType.Integer);
                    var pd = insert.Parameters.Add("$d", SqliteType.Blob);
                    var ph = insert.Parameters.Add("$h", SqliteType.Blob);
                    foreach (var entry in entries)
                    {
                        var hash = MerkleHash.Leaf(entry);
                        pi.Value = _tree.AppendLeafHash(hash);
                        pd.Value = entry;
                        ph.Value = hash;
                        await insert.ExecuteNonQueryAsync(cancellationToken);
                    }

                    note = _signer.SignNote(new Checkpoint(Origin, _tree.Size, _tree.Root(_tree.Size)).ToText());
                    await SaveCheckpointAsync(note, transaction, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                catch
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    await LoadAsync(CancellationToken.None);
                    throw;
                }
            }

            note = Cosign(note);
            await SaveCheckpointAsync(note, null, cancellationToken);
            _checkpoint = note;
            _ = oldSize;
            return first;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<SignedNote?> LatestCheckpointAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _checkpoint;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadEntryAsync(long index, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT data FROM leaves WHERE idx = $i";
        command.Parameters.AddWithValue("$i", index);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken) as byte[];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<long?> FindLeafAsync(byte[] leafHash, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT min(idx) FROM leaves WHERE leaf_hash = $h";
        command.Parameters.AddWithValue("$h", leafHash);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken) is long index ? index : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task<byte[][]> InclusionProofAsync(long index, long size, CancellationToken cancellationToken) =>
        WithTreeAsync(tree => tree.InclusionProof(index, size), cancellationToken);

    /// <inheritdoc />
    public Task<byte[][]> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken) =>
        WithTreeAsync(tree => tree.ConsistencyProof(oldSize, newSize), cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> ReadTileAsync(int level, long index, int width, CancellationToken cancellationToken) =>
        WithTreeAsync(tree =>
        {
            var start = index * TilePath.FullWidth;
            return level * 8 < 64 && tree.LevelCount(level * 8) >= start + width ? tree.LevelHashes(level * 8, start, width).ToArray() : null;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<byte[]?> ReadEntryBundleAsync(long index, int width, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT data FROM leaves WHERE idx >= $a AND idx < $b ORDER BY idx";
        command.Parameters.AddWithValue("$a", index * TilePath.FullWidth);
        command.Parameters.AddWithValue("$b", (index * TilePath.FullWidth) + width);
        var entries = new List<byte[]>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add((byte[])reader[0]);
            }
        }
        finally
        {
            _gate.Release();
        }

        return entries.Count == width ? EntryBundle.Encode(entries) : null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private SignedNote Cosign(SignedNote note)
    {
        foreach (var witness in _witnesses)
        {
            try
            {
                var known = witness.KnownSize(Origin);
                var size = Checkpoint.Parse(note.Text).Size;
                var proof = known <= size ? _tree.ConsistencyProof(known, size) : [];
                note = note.With(witness.AddCheckpoint(note, known, proof));
            }
            catch (WitnessException)
            {
                // The witness refused: the checkpoint carries fewer cosignatures and verifiers will notice.
            }
        }

        return note;
    }

    private async Task<T> WithTreeAsync<T>(Func<MerkleLog, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return read(_tree);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SaveCheckpointAsync(SignedNote note, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO checkpoints(size, note) VALUES ($s, $n)";
        command.Parameters.AddWithValue("$s", Checkpoint.Parse(note.Text).Size);
        command.Parameters.AddWithValue("$n", note.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var tree = new MerkleLog();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT idx, data FROM leaves ORDER BY idx";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetInt64(0) != tree.Size)
                {
                    throw new LedgerIntegrityException($"Ledger entry {tree.Size} is missing.");
                }

                tree.AppendLeaf((byte[])reader[1]);
            }
        }

        SignedNote? latest = null;
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT note FROM checkpoints ORDER BY size DESC LIMIT 1";
            if (await command.ExecuteScalarAsync(cancellationToken) is string text)
            {
                latest = SignedNote.Parse(text);
                var checkpoint = Checkpoint.Parse(latest.Text);
                if (!latest.Signatures.Any(s => _signer.Verifier.Verify(latest.Text, s, out _)))
                {
                    throw new LedgerIntegrityException("The stored checkpoint is not signed by this log's key.");
                }

                if (checkpoint.Size != tree.Size || !checkpoint.Root.AsSpan().SequenceEqual(tree.Root(tree.Size)))
                {
                    throw new LedgerIntegrityException(
                        $"The stored entries (size {tree.Size}) do not match the signed checkpoint (size {checkpoint.Size}): the log was altered.");
                }
            }
            else if (tree.Size > 0)
            {
                throw new LedgerIntegrityException("The ledger has entries but no checkpoint.");
            }
        }

        _tree = tree;
        _checkpoint = latest;
    }
}
