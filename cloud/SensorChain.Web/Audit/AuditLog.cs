using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SensorChain.Web.Storage;

namespace SensorChain.Web.Audit;

/// <summary>
/// Append-only, hash-chained audit trail in web.db: each record's hash covers the previous record's hash and its
/// own AuditEvent JSON, so changing or deleting any record breaks every later hash. Every
/// <see cref="SensorChainWebOptions.AuditCheckpointInterval"/> records a checkpoint goes to <see cref="IAuditAnchor"/>.
/// </summary>
public sealed partial class AuditLog : IDisposable
{
    /// <summary>The previous-hash of the first record.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebDatabase _database;
    private readonly IAuditAnchor _anchor;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLog> _logger;
    private readonly int _interval;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _sequence;
    private string _head;

    /// <summary>Opens the chain and reads its head.</summary>
    public AuditLog(WebDatabase database, IAuditAnchor anchor, TimeProvider time, IOptions<SensorChainWebOptions> options, ILogger<AuditLog> logger)
    {
        _database = database;
        _anchor = anchor;
        _time = time;
        _logger = logger;
        _interval = Math.Max(1, options.Value.AuditCheckpointInterval);
        var head = database.Query("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", r => (r.GetInt64(0), r.GetString(1)));
        (_sequence, _head) = head.Count == 0 ? (0L, GenesisHash) : head[0];
    }

    /// <summary>The current head of the chain.</summary>
    public AuditCheckpoint Head
    {
        get
        {
            _gate.Wait();
            try
            {
                return new AuditCheckpoint(_sequence, _head, _time.GetUtcNow());
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Appends one record.</summary>
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        AuditRecord record;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var sequence = _sequence + 1;
            var recorded = _time.GetUtcNow();
            var json = AuditEventFhir.ToJson(sequence, recorded, entry);
            var stored = json + "\n" + JsonSerializer.Serialize(entry, Json);
            var hash = ChainHash(_head, stored);
            _database.Execute(
                "INSERT INTO audit(seq, patient_id, actor_id, recorded_ms, json, prev_hash, hash) VALUES($s,$p,$a,$t,$j,$ph,$h)",
                ("$s", sequence), ("$p", entry.PatientId), ("$a", entry.ActorId), ("$t", recorded.ToUnixTimeMilliseconds()),
                ("$j", stored), ("$ph", _head), ("$h", hash));
            record = new AuditRecord(sequence, recorded, entry, json, _head, hash);
            _sequence = sequence;
            _head = hash;
        }
        finally
        {
            _gate.Release();
        }

        if (record.Sequence % _interval == 0)
        {
            try
            {
                await _anchor.AnchorAsync(new AuditCheckpoint(record.Sequence, record.Hash, record.Recorded), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogAnchorFailed(_logger, record.Sequence, e);
            }
        }

        return record;
    }

    /// <summary>Records about <paramref name="patientId"/>, newest first.</summary>
    public IReadOnlyList<AuditRecord> ForPatient(string patientId, int limit = 500) =>
        _database.Query("SELECT seq, recorded_ms, json, prev_hash, hash FROM audit WHERE patient_id=$p ORDER BY seq DESC LIMIT $l", Map,
            ("$p", patientId), ("$l", limit));

    /// <summary>Recomputes the whole chain; returns the first sequence whose hash or link does not match, or null when intact.</summary>
    public long? Verify()
    {
        using var connection = _database.Open();
        using var command = WebDatabase.Prepare(connection, "SELECT seq, json, prev_hash, hash FROM audit ORDER BY seq");
        using var reader = command.ExecuteReader();
        var previous = GenesisHash;
        var expected = 1L;
        while (reader.Read())
        {
            var sequence = reader.GetInt64(0);
            if (sequence != expected || reader.GetString(2) != previous || ChainHash(previous, reader.GetString(1)) != reader.GetString(3))
            {
                return sequence;
            }

            previous = reader.GetString(3);
            expected++;
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>SHA-256 (hex) over the previous hash, a newline and the stored record (AuditEvent JSON, newline, entry JSON).</summary>
    public static string ChainHash(string previousHash, string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + json)));

    private static AuditRecord Map(SqliteDataReader r)
    {
        var stored = r.GetString(2);
        var split = stored.IndexOf('\n', StringComparison.Ordinal);
        var entry = JsonSerializer.Deserialize<AuditEntry>(stored[(split + 1)..], Json)!;
        return new AuditRecord(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), entry, stored[..split], r.GetString(3), r.GetString(4));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchoring audit checkpoint {Sequence} failed; it is retried with the next checkpoint.")]
    private static partial void LogAnchorFailed(ILogger logger, long sequence, Exception exception);
}
