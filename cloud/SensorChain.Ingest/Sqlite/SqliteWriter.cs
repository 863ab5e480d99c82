using Microsoft.Data.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Sqlite;

/// <summary>
/// The store's one writing connection with its statements prepared once (<see cref="SqliteStatement"/>; fresh
/// Microsoft.Data.Sqlite commands per row cost a parse each, about a fifth of ingest CPU). Used only by the
/// <see cref="SqliteWriteQueue"/> loop, one group at a time, so it needs no locking of its own. Transactions are plain
/// SQL (<c>BEGIN IMMEDIATE</c> / <c>SAVEPOINT</c>) so one prepared statement serves every transaction.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private const int ConstraintViolation = 19; // SQLITE_CONSTRAINT
    private const int UniqueViolation = 2067; // SQLITE_CONSTRAINT_UNIQUE
    private readonly SqliteConnection _connection;
    private readonly SqliteStatement _begin;
    private readonly SqliteStatement _commit;
    private readonly SqliteStatement _rollback;
    private readonly SqliteStatement _savepoint;
    private readonly SqliteStatement _release;
    private readonly SqliteStatement _rollbackTo;
    private readonly SqliteStatement _batchHash;
    private readonly SqliteStatement _batchBytes;
    private readonly SqliteStatement _insertBatch;
    private readonly SqliteStatement _advanceHead;
    private readonly SqliteStatement _currentResource;
    private readonly SqliteStatement _retireResource;
    private readonly SqliteStatement _insertResource;
    private readonly SqliteStatement _insertFirstVersion;
    private readonly SqliteStatement _identifierHolder;
    private readonly SqliteStatement _holdsImpliedIdentifier;

    public SqliteWriter(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            // cache_size: 16 MB holds the leaves that ingest keeps touching; more made every commit slower (SQLite walks the
            // whole page-cache hash when a transaction ends). temp_store: savepoint journals in memory, not in a temp file.
            // wal_autocheckpoint: fewer, larger checkpoints copy a hot page to the database once instead of many times.
            pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-16000; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=8192;";
            pragma.ExecuteNonQuery();
        }

        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _savepoint = Prepare("SAVEPOINT w");
        _release = Prepare("RELEASE w");
        _rollbackTo = Prepare("ROLLBACK TO w");
        _batchHash = Prepare("SELECT hash FROM batches WHERE device_id = $d AND sequence = $s");
        _batchBytes = Prepare(SqliteBatchRenderer.LoadSql);
        _insertBatch = Prepare("""
            INSERT INTO batches(device_id, sequence, hash, previous_hash, start_unix_ms, received_at_ms, compressed)
            VALUES ($d, $s, $h, $p, $start, $r, $c)
            """);
        _advanceHead = Prepare("""
            INSERT INTO chain_heads(device_id, head_sequence, head_hash, stored_count) VALUES ($d, $s, $h, 1)
            ON CONFLICT(device_id) DO UPDATE SET
                head_hash = CASE WHEN excluded.head_sequence > head_sequence THEN excluded.head_hash ELSE head_hash END,
                head_sequence = MAX(head_sequence, excluded.head_sequence),
                stored_count = stored_count + 1
            """);

        // "+is_current" keeps SQLite off ix_resources_current (is_current, resource_type): with it the planner scanned every
        // current resource of the type per upsert, which made ingest quadratic.
        _currentResource = Prepare("SELECT version_id, last_updated_ms, json FROM resources WHERE resource_type = $t AND id = $i AND +is_current = 1");
        // A retired version leaves the search indexes: they cover only rows whose search columns are set (schema v3).
        _retireResource = Prepare("""
            UPDATE resources SET is_current = 0, patient_id = NULL, device_id = NULL, effective_start_ms = NULL, effective_end_ms = NULL,
                identifier = NULL, codes = NULL, categories = NULL
            WHERE resource_type = $t AND id = $i AND +is_current = 1
            """);
        _insertResource = Prepare($"INSERT INTO resources({Columns}) VALUES ($t, $i, $v, $u, 1, {SearchValues}, $j)");

        // Every stored resource has a version 1, so version 1 goes in exactly when the id is new: one statement instead of
        // a lookup and an insert for the usual case (batch-derived resources are new).
        _insertFirstVersion = Prepare($"INSERT OR IGNORE INTO resources({Columns}) VALUES ($t, $i, 1, $u, 1, {SearchValues}, $j)");

        // The two identifier clashes the unique index cannot see (SqliteIdentifiers).
        _identifierHolder = Prepare("SELECT id FROM resources WHERE identifier = $x AND identifier <> ''");
        _holdsImpliedIdentifier = Prepare("SELECT 1 FROM resources WHERE resource_type = 'Observation' AND id = $i AND +is_current = 1 AND identifier = ''");
    }

    private const string Columns =
        "resource_type, id, version_id, last_updated_ms, is_current, patient_id, device_id, effective_start_ms, effective_end_ms, identifier, codes, categories, json";

    private const string SearchValues = "$p, $d, $s, $e, $id, $codes, $cats";

    public void Begin() => _begin.Execute();

    public void Commit() => _commit.Execute();

    /// <summary>True while a transaction is open (SQLite ends it by itself after some errors, e.g. a full disk).</summary>
    public bool InTransaction => _connection.Handle is { } db && SQLitePCL.raw.sqlite3_get_autocommit(db) == 0;

    /// <summary>Rolls the open transaction back, if SQLite has not already done so.</summary>
    public void Rollback()
    {
        if (InTransaction)
        {
            _rollback.Execute();
        }
    }

    /// <summary>
    /// False while the queue applies a group without savepoints (the usual case, where nothing fails): then a failure
    /// inside a write leaves the transaction half done, and the caller must roll it all back and apply the group again
    /// with savepoints. Savepoints copy every page an item touches into a journal first, which is not free.
    /// </summary>
    public bool UseSavepoints { get; set; } = true;

    /// <summary>Runs <paramref name="write"/> inside a savepoint: if it throws, only its own changes are undone.</summary>
    public T InSavepoint<T>(Func<SqliteWriter, T> write)
    {
        if (!UseSavepoints)
        {
            return write(this);
        }

        _savepoint.Execute();
        try
        {
            var result = write(this);
            _release.Execute();
            return result;
        }
        catch
        {
            _rollbackTo.Execute();
            _release.Execute();
            throw;
        }
    }

    /// <summary>
    /// Stores the raw batch, advances the chain and writes its resources (inside the caller's transaction). A resource
    /// that breaks a unique constraint (an Observation whose identifier another Observation already has) is left out
    /// and the rest of the batch is stored, as in the PostgreSQL store; the retry that finds it runs only then.
    /// </summary>
    /// <param name="batch">The raw batch.</param>
    /// <param name="resources">Its resources.</param>
    /// <param name="identifiers">The identifier column of each resource (<see cref="SqliteIdentifiers.Columns"/>).</param>
    public BatchStoreOutcome StoreBatch(StoredBatch batch, IReadOnlyList<FhirResourceRecord> resources, string?[] identifiers)
    {
        if (!UseSavepoints)
        {
            return StoreBatch(batch, resources, identifiers, careful: false); // a conflict throws: the group is applied again with savepoints
        }

        try
        {
            return InSavepoint(w => w.StoreBatch(batch, resources, identifiers, careful: false));
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == ConstraintViolation)
        {
            return InSavepoint(w => w.StoreBatch(batch, resources, identifiers, careful: true));
        }
    }

    private BatchStoreOutcome StoreBatch(StoredBatch batch, IReadOnlyList<FhirResourceRecord> resources, string?[] identifiers, bool careful)
    {
        var device = batch.Device.ToString();
        var sequence = unchecked((long)batch.Sequence);
        _batchHash.Text(1, device).Integer(2, sequence);
        if (_batchHash.Step())
        {
            // The write lock is held since BEGIN IMMEDIATE, so no other process can store this sequence meanwhile.
            var same = _batchHash.Bytes(0).SequenceEqual(batch.Hash.Bytes);
            _batchHash.Reset();
            return same ? BatchStoreOutcome.AlreadyStored : BatchStoreOutcome.Conflict;
        }

        _batchHash.Reset();
        _insertBatch.Text(1, device).Integer(2, sequence).Blob(3, batch.Hash.Bytes).Blob(4, batch.PreviousHash.Bytes).Integer(5, batch.StartUnixMs)
            .Integer(6, batch.ReceivedAt.ToUnixTimeMilliseconds()).Blob(7, batch.CompressedBytes).Execute();
        _advanceHead.Text(1, device).Integer(2, sequence).Blob(3, batch.Hash.Bytes).Execute();
        for (var i = 0; i < resources.Count; i++)
        {
            var (resource, identifier) = (resources[i], identifiers[i]);
            if (!careful)
            {
                Upsert(resource, identifier);
                continue;
            }

            try
            {
                InSavepoint(w => w.Upsert(resource, identifier));
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == ConstraintViolation)
            {
                // left out: its identifier belongs to another Observation
            }
        }

        return BatchStoreOutcome.Stored;
    }

    /// <summary>Creates a resource or a new version of it when the JSON differs (inside the caller's transaction).</summary>
    public FhirResourceRecord Upsert(FhirResourceRecord resource) => Upsert(resource, SqliteIdentifiers.Column(resource));

    /// <summary>As <see cref="Upsert(FhirResourceRecord)"/> with the identifier column already worked out (<see cref="SqliteIdentifiers.Column"/>).</summary>
    public FhirResourceRecord Upsert(FhirResourceRecord resource, string? identifier)
    {
        var lastUpdated = resource.LastUpdated.ToUnixTimeMilliseconds();
        var search = resource.ResourceType == "Observation" ? resource.Search : null;
        if (identifier is not null && search?.Identifier is { } full)
        {
            CheckIdentifierIsFree(resource.Id, full, identifier);
        }

        Search(_insertFirstVersion.Text(1, resource.ResourceType).Text(2, resource.Id).Integer(3, lastUpdated), 4, search, identifier)
            .Text(11, resource.Json).Execute();
        if (_insertFirstVersion.Changes == 1)
        {
            return resource with { VersionId = 1, LastUpdated = DateTimeOffset.FromUnixTimeMilliseconds(lastUpdated), Search = null };
        }

        var version = 0;
        _currentResource.Text(1, resource.ResourceType).Text(2, resource.Id);
        try
        {
            if (_currentResource.Step())
            {
                version = (int)_currentResource.Int64(0);
                if (SameContent(resource.Id, _currentResource.String(2), resource.Json))
                {
                    return resource with { VersionId = version, LastUpdated = DateTimeOffset.FromUnixTimeMilliseconds(_currentResource.Int64(1)), Search = null };
                }
            }
        }
        finally
        {
            _currentResource.Reset();
        }

        if (version > 0)
        {
            _retireResource.Text(1, resource.ResourceType).Text(2, resource.Id).Execute();
        }

        Search(_insertResource.Text(1, resource.ResourceType).Text(2, resource.Id).Integer(3, version + 1).Integer(4, lastUpdated), 5, search, identifier)
            .Text(12, resource.Json).Execute();

        return resource with { VersionId = version + 1, LastUpdated = DateTimeOffset.FromUnixTimeMilliseconds(lastUpdated), Search = null };
    }

    public void Dispose()
    {
        foreach (var command in new[]
        {
            _begin, _commit, _rollback, _savepoint, _release, _rollbackTo, _batchHash, _batchBytes, _insertBatch, _advanceHead, _currentResource,
            _retireResource, _insertResource, _insertFirstVersion, _identifierHolder, _holdsImpliedIdentifier,
        })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    /// <summary>Binds an Observation's search columns (all NULL for other resources: then no search index holds the row).</summary>
    private static SqliteStatement Search(SqliteStatement statement, int first, ObservationSearchColumns? search, string? identifier)
    {
        if (search is null)
        {
            for (var i = 0; i < 7; i++)
            {
                statement.Null(first + i);
            }

            return statement;
        }

        return statement.Text(first, search.PatientId).Text(first + 1, search.DeviceId).Integer(first + 2, search.EffectiveStart.ToUnixTimeMilliseconds())
            .Integer(first + 3, search.EffectiveEnd.ToUnixTimeMilliseconds()).Text(first + 4, identifier)
            .Text(first + 5, SqliteSchema.TokenColumn(search.Codes)).Text(first + 6, SqliteSchema.TokenColumn(search.Categories));
    }

    /// <summary>
    /// Throws SQLite's unique-constraint error when another current Observation holds <paramref name="identifier"/> in a
    /// way the unique index does not see: in the index while this resource's id implies it, or implied by the id of the
    /// batch Observation it belongs to while this resource would put it in the index.
    /// </summary>
    private void CheckIdentifierIsFree(string id, string identifier, string column)
    {
        string? holder = null;
        if (column == SqliteIdentifiers.ImpliedById)
        {
            _identifierHolder.Text(1, identifier);
            try
            {
                var found = _identifierHolder.Step() ? _identifierHolder.String(0) : null;
                holder = found == id ? null : found;
            }
            finally
            {
                _identifierHolder.Reset();
            }
        }
        else if (SqliteIdentifiers.IngestId(identifier) is { } owner && owner != id)
        {
            _holdsImpliedIdentifier.Text(1, owner);
            try
            {
                holder = _holdsImpliedIdentifier.Step() ? owner : null;
            }
            finally
            {
                _holdsImpliedIdentifier.Reset();
            }
        }

        if (holder is not null)
        {
            throw new SqliteException("UNIQUE constraint failed: resources.identifier (Observation/" + holder + " holds it)", ConstraintViolation, UniqueViolation);
        }
    }

    /// <summary>
    /// Whether two stored forms (JSON or a <see cref="BatchObservationReference"/>) hold the same resource: a reference is
    /// rendered to compare it with JSON. One that cannot be rendered any more (its batch changed) differs from everything.
    /// </summary>
    private bool SameContent(string id, string current, string incoming)
    {
        if (current == incoming)
        {
            return true;
        }

        if (!BatchObservationReference.IsReference(current) && !BatchObservationReference.IsReference(incoming))
        {
            return false;
        }

        try
        {
            var renderer = new SqliteBatchRenderer(LoadBatch);
            return renderer.Json(id, current) == renderer.Json(id, incoming);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            return false;
        }
    }

    private (byte[] Compressed, byte[] Hash)? LoadBatch(DeviceId device, ulong sequence)
    {
        _batchBytes.Text(1, device.ToString()).Integer(2, unchecked((long)sequence));
        try
        {
            return _batchBytes.Step() ? (_batchBytes.Bytes(0).ToArray(), _batchBytes.Bytes(1).ToArray()) : null;
        }
        finally
        {
            _batchBytes.Reset();
        }
    }

    private SqliteStatement Prepare(string sql) => new(_connection.Handle!, sql);
}
