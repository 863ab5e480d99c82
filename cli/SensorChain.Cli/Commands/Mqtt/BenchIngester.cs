using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SensorChain.Protocol;
using SensorChain.Transport;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// The benchmark's ingester. <see cref="BenchPipeline.Raw"/>: the baseline, counts each message by the bytes' position
/// only. <see cref="BenchPipeline.Verify"/>: decode, check the topic matches the signer, verify the P-256 signature
/// against the enrolled key (on the receiving slot's thread), then store idempotently on (device, sequence) in SQLite
/// (WAL) by leader/follower group commit: the first slot thread to queue a batch commits every batch queued meanwhile
/// in one transaction and only then completes their handlers, so each PUBACK leaves after the commit that holds its
/// batch, and an uncontended batch is committed on its own thread without a hand-off. The chains are checked after the run.
/// </summary>
internal sealed class BenchIngester : IBenchIngester
{
    private readonly BenchPipeline _pipeline;
    private readonly SqliteConnection? _db;
    private readonly SqliteCommand? _insert;
    private readonly object _gate = new(); // Monitor.Wait/Pulse
    private readonly List<Pending> _queue = [];
    private readonly IReadOnlyDictionary<string, (int Index, ECDsa Key)> _devices;
    private readonly long[] _storedTicks;
    private readonly int _seconds;
    private readonly int _maxGroup;
    private bool _closing;
    private bool _committing;
    private long _stored;
    private long _duplicates;
    private long _rejected;
    private long _decodeNs;
    private long _verifyNs;
    private long _storeNs;
    private long _commits;

    public BenchIngester(BenchPipeline pipeline, string path, IReadOnlyDictionary<string, (int Index, ECDsa Key)> devices, int seconds, int maxGroup)
    {
        _pipeline = pipeline;
        _devices = devices;
        _seconds = seconds;
        _maxGroup = maxGroup;
        _storedTicks = new long[devices.Count * seconds];
        if (pipeline == BenchPipeline.Raw)
        {
            return;
        }

        _db = new SqliteConnection($"Data Source={path}");
        _db.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        // A rowid table with a separate unique index: the 1.5 KB batch rows stay out of the (device, seq) B-tree, which
        // is cheaper to insert into than a WITHOUT ROWID table with large rows (about a third less store CPU here).
        Exec("CREATE TABLE IF NOT EXISTS batches(device TEXT NOT NULL, seq INTEGER NOT NULL, hash BLOB NOT NULL, prev BLOB NOT NULL, bytes BLOB NOT NULL, UNIQUE(device, seq));");
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

    public (TimeSpan Decode, TimeSpan Verify, TimeSpan Store, long Commits) Phases =>
        (TimeSpan.FromTicks(Interlocked.Read(ref _decodeNs) / 100), TimeSpan.FromTicks(Interlocked.Read(ref _verifyNs) / 100),
         TimeSpan.FromTicks(Interlocked.Read(ref _storeNs) / 100), Interlocked.Read(ref _commits));

    public ReadOnlySpan<long> StoredTicks => _storedTicks;

    public Task Handle(ReceivedBatch received, CancellationToken cancellationToken)
    {
        var topicDevice = Topics.DeviceIdOf(received.Topic);
        if (_pipeline == BenchPipeline.Raw)
        {
            // Identify the batch by its bytes' position only: no decoding, no verification, no store.
            if (topicDevice is not null && _devices.TryGetValue(topicDevice, out var d) && received.Payload.Length > 28)
            {
                var s = BinaryPrimitives.ReadUInt64BigEndian(received.Payload.Span[20..]);
                if (s < (ulong)_seconds && Interlocked.CompareExchange(ref _storedTicks[(d.Index * _seconds) + (int)s], Stopwatch.GetTimestamp(), 0) == 0)
                {
                    Interlocked.Increment(ref _stored);
                }
            }

            return Task.CompletedTask;
        }

        var t0 = ThreadCpu.Nanoseconds();
        var decoded = BatchCodec.TryDecode(received.Payload, out var batch, out _);
        var t1 = ThreadCpu.Nanoseconds();
        Interlocked.Add(ref _decodeNs, t1 - t0);
        if (!decoded
            || topicDevice is null
            || !_devices.TryGetValue(topicDevice, out var device)
            || batch!.Device.ToString() != topicDevice
            || !BatchCodec.VerifySignature(batch, device.Key))
        {
            Interlocked.Add(ref _verifyNs, ThreadCpu.Nanoseconds() - t1);
            Interlocked.Increment(ref _rejected);
            return Task.CompletedTask;
        }

        Interlocked.Add(ref _verifyNs, ThreadCpu.Nanoseconds() - t1);
        var pending = new Pending(topicDevice, batch, received.Payload, (device.Index * _seconds) + (int)Math.Min(batch.Sequence, int.MaxValue), new TaskCompletionSource());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closing, this);
            _queue.Add(pending);
            if (_committing)
            {
                return pending.Done.Task; // the current leader commits it (with whatever else queued meanwhile)
            }

            _committing = true;
        }

        // Leader: commit everything queued, in transactions of at most _maxGroup, until the queue is empty. Other slots
        // wait for their batch's commit meanwhile, so at most (slots - 1) batches join per round.
        var group = new List<Pending>(_maxGroup);
        while (true)
        {
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _committing = false;
                    Monitor.PulseAll(_gate);
                    break;
                }

                var n = Math.Min(_maxGroup, _queue.Count);
                group.AddRange(_queue.GetRange(0, n));
                _queue.RemoveRange(0, n);
            }

            Commit(group);
            group.Clear();
        }

        return pending.Done.Task;
    }

    public (long Rows, int CompleteChains) CheckChains()
    {
        if (_db is null)
        {
            return (Stored, -1);
        }

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

    public void Close()
    {
        lock (_gate)
        {
            _closing = true;
            while (_committing)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    public void Dispose()
    {
        Close();
        _insert?.Dispose();
        _db?.Dispose();
    }

    private void Commit(List<Pending> group)
    {
        var cpu = ThreadCpu.Nanoseconds();
        var changed = new bool[group.Count];
        try
        {
            using (var tx = _db!.BeginTransaction())
            {
                _insert!.Transaction = tx;
                for (var i = 0; i < group.Count; i++)
                {
                    var p = group[i];
                    _insert.Parameters[0].Value = p.Device;
                    _insert.Parameters[1].Value = (long)p.Batch.Sequence;
                    _insert.Parameters[2].Value = p.Batch.Hash.ToArray();
                    _insert.Parameters[3].Value = p.Batch.Batch.PreviousHash.ToArray();
                    _insert.Parameters[4].Value = MemoryMarshal.TryGetArray(p.Payload, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length ? whole.Array : p.Payload.ToArray();
                    changed[i] = _insert.ExecuteNonQuery() == 1;
                }

                tx.Commit();
            }
        }
        catch (SqliteException ex)
        {
            // Not stored: fail the handlers, so their messages are not acknowledged and come back.
            foreach (var p in group)
            {
                p.Done.TrySetException(ex);
            }

            return;
        }

        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _storeNs, ThreadCpu.Nanoseconds() - cpu);
        Interlocked.Increment(ref _commits);
        for (var i = 0; i < group.Count; i++)
        {
            var p = group[i];
            if (changed[i])
            {
                if ((uint)p.Slot < (uint)_storedTicks.Length)
                {
                    Volatile.Write(ref _storedTicks[p.Slot], now);
                }

                Interlocked.Increment(ref _stored);
            }
            else
            {
                Interlocked.Increment(ref _duplicates);
            }

            p.Done.TrySetResult();
        }
    }

    private void Exec(string sql)
    {
        using var cmd = _db!.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private sealed record Pending(string Device, SignedBatch Batch, ReadOnlyMemory<byte> Payload, int Slot, TaskCompletionSource Done);
}
