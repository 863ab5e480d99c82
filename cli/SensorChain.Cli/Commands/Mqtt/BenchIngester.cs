using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SensorChain.Protocol;
using SensorChain.Transport;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// The benchmark's ingester: decode, check the topic matches the signer, verify the P-256 signature against the
/// enrolled key, store idempotently on (device, sequence) in SQLite (WAL). A stand-in for the cloud ingest service
/// with the same costly steps; the chains are checked after the run.
/// </summary>
internal sealed class BenchIngester : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly SqliteCommand _insert;
    private readonly Lock _gate = new();
    private readonly IReadOnlyDictionary<string, (int Index, ECDsa Key)> _devices;
    private readonly long[] _storedTicks;
    private readonly int _seconds;
    private long _stored;
    private long _duplicates;
    private long _rejected;

    public BenchIngester(string path, IReadOnlyDictionary<string, (int Index, ECDsa Key)> devices, int seconds)
    {
        _devices = devices;
        _seconds = seconds;
        _storedTicks = new long[devices.Count * seconds];
        _db = new SqliteConnection($"Data Source={path}");
        _db.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Exec("CREATE TABLE IF NOT EXISTS batches(device TEXT NOT NULL, seq INTEGER NOT NULL, hash BLOB NOT NULL, prev BLOB NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY(device, seq)) WITHOUT ROWID;");
        _insert = _db.CreateCommand();
        _insert.CommandText = "INSERT OR IGNORE INTO batches(device, seq, hash, prev, bytes) VALUES ($d, $s, $h, $p, $b)";
        _insert.Parameters.Add("$d", SqliteType.Text);
        _insert.Parameters.Add("$s", SqliteType.Integer);
        _insert.Parameters.Add("$h", SqliteType.Blob);
        _insert.Parameters.Add("$p", SqliteType.Blob);
        _insert.Parameters.Add("$b", SqliteType.Blob);
    }

    public long Stored => Interlocked.Read(ref _stored);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Stopwatch ticks when (patient, second) was stored, 0 if never.</summary>
    public long StoredAt(int patient, int second) => _storedTicks[(patient * _seconds) + second];

    public Task Handle(ReceivedBatch received, CancellationToken cancellationToken)
    {
        if (!BatchCodec.TryDecode(received.Payload, out var batch, out _)
            || Topics.DeviceIdOf(received.Topic) is not { } topicDevice
            || !_devices.TryGetValue(topicDevice, out var device)
            || batch.Device.ToString() != topicDevice
            || !BatchCodec.VerifySignature(batch, device.Key))
        {
            Interlocked.Increment(ref _rejected);
            return Task.CompletedTask;
        }

        int changed;
        lock (_gate)
        {
            _insert.Parameters[0].Value = topicDevice;
            _insert.Parameters[1].Value = (long)batch.Sequence;
            _insert.Parameters[2].Value = batch.Hash.ToArray();
            _insert.Parameters[3].Value = batch.Batch.PreviousHash.ToArray();
            _insert.Parameters[4].Value = received.Payload.ToArray();
            changed = _insert.ExecuteNonQuery();
        }

        if (changed == 1)
        {
            var slot = (device.Index * _seconds) + (int)batch.Sequence;
            if ((uint)slot < (uint)_storedTicks.Length)
            {
                Volatile.Write(ref _storedTicks[slot], Stopwatch.GetTimestamp());
            }

            Interlocked.Increment(ref _stored);
        }
        else
        {
            Interlocked.Increment(ref _duplicates);
        }

        return Task.CompletedTask;
    }

    /// <summary>Rows in the store, and how many devices have a complete, correctly linked chain 0..seconds-1.</summary>
    public (long Rows, int CompleteChains) CheckChains()
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT device, seq, hash, prev FROM batches ORDER BY device, seq";
            using var reader = cmd.ExecuteReader();
            long rows = 0;
            var complete = 0;
            string? current = null;
            var expected = 0L;
            byte[] last = new byte[BatchHash.Size];
            var ok = false;
            while (reader.Read())
            {
                rows++;
                var device = reader.GetString(0);
                if (device != current)
                {
                    complete += ok && expected == _seconds ? 1 : 0;
                    current = device;
                    expected = 0;
                    last = new byte[BatchHash.Size];
                    ok = true;
                }

                var seq = reader.GetInt64(1);
                var prev = (byte[])reader[3];
                ok &= seq == expected && prev.AsSpan().SequenceEqual(last);
                last = (byte[])reader[2];
                expected++;
            }

            complete += ok && expected == _seconds ? 1 : 0;
            return (rows, complete);
        }
    }

    public void Dispose()
    {
        _insert.Dispose();
        _db.Dispose();
    }

    private void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
