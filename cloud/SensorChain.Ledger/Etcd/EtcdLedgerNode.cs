using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Notes;
using SensorChain.Ledger.Tiles;
using SensorChain.Ledger.Witnessing;

namespace SensorChain.Ledger.Etcd;

/// <summary>
/// One organization's ledger node. Submissions are etcd keys (an entry bundle per key, many entries per write);
/// exactly one node at a time holds the lease-bound leader key and sequences them; each checkpoint is committed by a
/// compare-and-swap transaction on the latest-checkpoint key (and the leader key), deleting the submissions it took,
/// so honest nodes never fork. Every node follows the checkpoints (walking back through etcd's MVCC history to read
/// the sequenced submissions), rebuilds the same tree, refuses one whose root differs, and lets its witness cosign.
/// etcd holds only the pending queue, the latest checkpoint, the leader key and the latest cosignatures.
/// </summary>
public sealed partial class EtcdLedgerNode : ILedger, IAsyncDisposable
{
    private readonly EtcdLedgerOptions _options;
    private readonly NoteSigner _signer;
    private readonly Witness _witness;
    private readonly LedgerPolicy _policy;
    private readonly ILogger _logger;
    private readonly EtcdClient _etcd;
    private readonly Lock _gate = new();
    private readonly MerkleLog _tree = new();
    private readonly List<byte[]> _entries = [];
    private readonly Dictionary<(ulong, ulong), long> _leafIndex = [];
    private readonly SortedDictionary<long, SignedNote> _notes = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiters = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _submitPrefix;
    private long _counter;
    private long _appliedRevision;
    private long _lease;
    private long _leaseRenewedAt;
    private long _lastMarkedAt;
    private bool _lastMarked = true;
    private SignedNote? _toWitness;
    private SignedNote? _cosigned;
    private Task _running = Task.CompletedTask;

    /// <summary>Creates the node (call <see cref="Start"/>).</summary>
    public EtcdLedgerNode(EtcdLedgerOptions options, NoteSigner signer, Witness witness, LedgerPolicy policy, ILogger logger)
    {
        _options = options;
        _signer = signer;
        _witness = witness;
        _policy = policy;
        _logger = logger;
        _etcd = new EtcdClient(options.Endpoints);
        _submitPrefix = options.Prefix + "q/" + options.NodeName + "/" + Guid.NewGuid().ToString("N")[..12] + "-";
    }

    /// <inheritdoc />
    public string Origin => _options.Origin;

    /// <summary>This node's name.</summary>
    public string Name => _options.NodeName;

    /// <summary>True while this node is the sequencer.</summary>
    public bool IsSequencer { get; private set; }

    /// <summary>Entries applied locally.</summary>
    public long Size
    {
        get
        {
            lock (_gate)
            {
                return _tree.Size;
            }
        }
    }

    /// <summary>Size of the latest checkpoint that has a witness quorum.</summary>
    public long CosignedSize
    {
        get
        {
            lock (_gate)
            {
                return _cosigned is null ? 0 : Checkpoint.Parse(_cosigned.Text).Size;
            }
        }
    }

    /// <summary>Set when this node found a checkpoint whose root differs from its own tree (a fork).</summary>
    public string? IntegrityFailure { get; private set; }

    /// <summary>Starts following, competing for the sequencer lease, and witnessing.</summary>
    public void Start() => _running = Task.WhenAll(Task.Run(() => RunAsync(_stop.Token)), Task.Run(() => WitnessLoopAsync(_stop.Token)));

    /// <inheritdoc />
    public async Task<long> AppendAsync(IReadOnlyList<byte[]> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var key = _submitPrefix + Interlocked.Increment(ref _counter).ToString("D12", CultureInfo.InvariantCulture);
        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[key] = waiter;
        try
        {
            await _etcd.PutAsync(key, EntryBundle.Encode(entries), 0, cancellationToken);
            return await waiter.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _waiters.TryRemove(key, out _);
        }
    }

    /// <inheritdoc />
    public Task<SignedNote?> LatestCheckpointAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_cosigned ?? (_notes.Count > 0 ? _notes.Last().Value : null));
        }
    }

    /// <inheritdoc />
    public Task<byte[]?> ReadEntryAsync(long index, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(index >= 0 && index < _entries.Count ? _entries[(int)index] : null);
        }
    }

    /// <inheritdoc />
    public Task<long?> FindLeafAsync(byte[] leafHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_leafIndex.TryGetValue(Key(leafHash), out var index) ? index : (long?)null);
        }
    }

    /// <inheritdoc />
    public Task<byte[][]> InclusionProofAsync(long index, long size, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tree.InclusionProof(index, size));
        }
    }

    /// <inheritdoc />
    public Task<byte[][]> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tree.ConsistencyProof(oldSize, newSize));
        }
    }

    /// <inheritdoc />
    public Task<byte[]?> ReadTileAsync(int level, long index, int width, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var start = index * TilePath.FullWidth;
            return Task.FromResult(level * 8 < 64 && _tree.LevelCount(level * 8) >= start + width ? _tree.LevelHashes(level * 8, start, width).ToArray() : null);
        }
    }

    /// <inheritdoc />
    public Task<byte[]?> ReadEntryBundleAsync(long index, int width, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var start = index * TilePath.FullWidth;
            return Task.FromResult(start + width <= _entries.Count ? EntryBundle.Encode(_entries.GetRange((int)start, width)) : null);
        }
    }

    /// <summary>Stops the node; a sequencer gives up its lease so another takes over at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        if (_lease != 0)
        {
            try
            {
                await _etcd.LeaseRevokeAsync(_lease, CancellationToken.None);
            }
            catch (EtcdException)
            {
            }
        }

        _etcd.Dispose();
        _stop.Dispose();
    }

    /// <summary>Simulates a crash: stops all work without releasing the lease.</summary>
    public async Task CrashAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _lease = 0;
    }

    private static (ulong, ulong) Key(ReadOnlySpan<byte> hash) =>
        (BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                await MaintainLeadershipAsync(cancellationToken);
                await SyncAsync(cancellationToken);
                if (IsSequencer && IntegrityFailure is null)
                {
                    worked = await SequenceOnceAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is EtcdException or HttpRequestException or JsonException or InvalidDataException)
            {
                LogEtcdTrouble(_logger, Name, e.Message);
                IsSequencer = false;
            }

            if (!worked)
            {
                try
                {
                    await Task.Delay(_options.PollInterval, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task MaintainLeadershipAsync(CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        var leaderKey = _options.Prefix + "leader";
        if (IsSequencer)
        {
            if (now - _leaseRenewedAt > _options.LeaseTtlSeconds * 1000 / 4)
            {
                var ttl = await _etcd.LeaseKeepAliveAsync(_lease, cancellationToken);
                if (ttl <= 0)
                {
                    IsSequencer = false;
                    _lease = 0;
                    LogLostLeadership(_logger, Name);
                }
                else
                {
                    _leaseRenewedAt = now;
                }
            }

            return;
        }

        if (now - _leaseRenewedAt < _options.LeaseTtlSeconds * 1000 / 4)
        {
            return;
        }

        _leaseRenewedAt = now;
        if (_lease == 0 || await _etcd.LeaseKeepAliveAsync(_lease, cancellationToken) <= 0)
        {
            _lease = await _etcd.LeaseGrantAsync(_options.LeaseTtlSeconds, cancellationToken);
        }

        var (won, _, _) = await _etcd.TxnAsync(
            [EtcdClient.CompareVersion(leaderKey, 0)],
            [EtcdClient.PutOp(leaderKey, Encoding.UTF8.GetBytes(Name), _lease)],
            [],
            cancellationToken);
        if (won)
        {
            await SyncAsync(cancellationToken);
            _lastMarked = false;
            IsSequencer = true;
            LogBecameSequencer(_logger, Name, Size);
        }
    }

    private async Task<bool> SequenceOnceAsync(CancellationToken cancellationToken)
    {
        var (pending, _) = await _etcd.RangeAsync(_options.Prefix + "q/", true, 0, _options.MaxSubmissionsPerCheckpoint, cancellationToken);
        var markDue = Environment.TickCount64 - _lastMarkedAt >= _options.WitnessInterval.TotalMilliseconds;
        if (pending.Count == 0 && (_lastMarked || !markDue || _appliedRevision == 0))
        {
            return false;
        }

        var checkpointKey = _options.Prefix + "checkpoint";
        long previousSize;
        long previousRevision;
        SignedNote note;
        var batches = new List<SequencedSubmission>();
        var newEntries = new List<byte[]>();
        lock (_gate)
        {
            previousSize = _tree.Size;
            previousRevision = _appliedRevision;
            foreach (var kv in pending)
            {
                IReadOnlyList<byte[]> entries;
                try
                {
                    entries = EntryBundle.Decode(kv.Value);
                }
                catch (InvalidDataException)
                {
                    entries = [];
                }

                batches.Add(new SequencedSubmission(Encoding.UTF8.GetString(kv.Key), entries.Count));
                foreach (var entry in entries)
                {
                    _tree.AppendLeaf(entry);
                    newEntries.Add(entry);
                }
            }

            note = _signer.SignNote(new Checkpoint(Origin, _tree.Size, _tree.Root(_tree.Size)).ToText());
            _tree.Truncate(previousSize);
        }

        var record = new CheckpointRecord(note.ToString(), previousSize + newEntries.Count, previousSize, previousRevision, Name, batches, markDue);
        var compare = new JsonArray
        {
            previousRevision == 0 ? EtcdClient.CompareVersion(checkpointKey, 0) : EtcdClient.CompareModRevision(checkpointKey, previousRevision),
            EtcdClient.CompareValue(_options.Prefix + "leader", Encoding.UTF8.GetBytes(Name)),
        };
        var success = new JsonArray { EtcdClient.PutOp(checkpointKey, record.ToBytes()) };
        foreach (var kv in pending)
        {
            success.Add(EtcdClient.DeleteOp(kv.Key));
        }

        var (committed, revision, _) = await _etcd.TxnAsync(compare, success, [], cancellationToken);
        if (!committed)
        {
            IsSequencer = false;
            return false;
        }

        _lastMarked = markDue;
        if (markDue)
        {
            _lastMarkedAt = Environment.TickCount64;
        }

        Apply(record, revision, newEntries);
        return pending.Count > 0;
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var checkpointKey = _options.Prefix + "checkpoint";
        var (latest, _) = await _etcd.RangeAsync(checkpointKey, false, 0, 1, cancellationToken);
        if (latest.Count == 0 || latest[0].ModRevision == Volatile.Read(ref _appliedRevision))
        {
            return;
        }

        var chain = new Stack<(CheckpointRecord Record, long Revision)>();
        var current = (Record: CheckpointRecord.Parse(latest[0].Value), Revision: latest[0].ModRevision);
        var size = Size;
        while (current.Record.Size > size)
        {
            chain.Push(current);
            if (current.Record.PreviousSize <= size || current.Record.PreviousRevision == 0)
            {
                break;
            }

            var (older, _) = await _etcd.RangeAsync(checkpointKey, false, current.Record.PreviousRevision, 1, cancellationToken);
            if (older.Count == 0)
            {
                throw new InvalidDataException($"Checkpoint at revision {current.Record.PreviousRevision} is no longer in etcd's history.");
            }

            current = (CheckpointRecord.Parse(older[0].Value), older[0].ModRevision);
        }

        while (chain.Count > 0)
        {
            var (record, revision) = chain.Pop();
            if (record.PreviousSize != Size)
            {
                throw new InvalidDataException($"Checkpoint of size {record.Size} extends size {record.PreviousSize}, but this node has {Size}.");
            }

            var (submissions, _) = await _etcd.RangeAsync(_options.Prefix + "q/", true, revision - 1, 0, cancellationToken);
            var byKey = submissions.ToDictionary(kv => Encoding.UTF8.GetString(kv.Key), kv => kv.Value);
            var entries = new List<byte[]>();
            foreach (var batch in record.Batches)
            {
                if (!byKey.TryGetValue(batch.Key, out var value))
                {
                    throw new InvalidDataException($"Sequenced submission {batch.Key} is not in etcd's history.");
                }

                IReadOnlyList<byte[]> decoded;
                try
                {
                    decoded = EntryBundle.Decode(value);
                }
                catch (InvalidDataException)
                {
                    decoded = [];
                }

                if (decoded.Count != batch.Count)
                {
                    throw new InvalidDataException($"Submission {batch.Key} has {decoded.Count} entries, the checkpoint says {batch.Count}.");
                }

                entries.AddRange(decoded);
            }

            Apply(record, revision, entries);
        }
    }

    private void Apply(CheckpointRecord record, long revision, List<byte[]> entries)
    {
        var note = SignedNote.Parse(record.Note);
        var checkpoint = Checkpoint.Parse(note.Text);
        var completions = new List<(TaskCompletionSource<long> Waiter, long Index)>();
        lock (_gate)
        {
            if (revision <= _appliedRevision)
            {
                return;
            }

            var first = _tree.Size;
            foreach (var entry in entries)
            {
                var hash = MerkleHash.Leaf(entry);
                var index = _tree.AppendLeafHash(hash);
                _entries.Add(entry);
                _leafIndex.TryAdd(Key(hash), index);
            }

            if (checkpoint.Size != _tree.Size || !checkpoint.Root.AsSpan().SequenceEqual(_tree.Root(_tree.Size))
                || !_policy.Logs.Any(l => note.Signatures.Any(s => l.Matches(s) && l.Verify(note.Text, s, out _))))
            {
                _tree.Truncate(first);
                _entries.RemoveRange((int)first, entries.Count);
                IntegrityFailure = $"checkpoint of size {checkpoint.Size} by {record.Sequencer} does not match this node's tree: refusing it";
                LogFork(_logger, Name, IntegrityFailure);
                throw new InvalidDataException(IntegrityFailure);
            }

            _appliedRevision = revision;
            _notes[checkpoint.Size] = note;
            if (record.Witness)
            {
                _toWitness = note;
            }

            while (_notes.Count > 4096)
            {
                _notes.Remove(_notes.First().Key);
            }

            var at = first;
            foreach (var batch in record.Batches)
            {
                if (_waiters.TryGetValue(batch.Key, out var waiter))
                {
                    completions.Add((waiter, at));
                }

                at += batch.Count;
            }
        }

        foreach (var (waiter, index) in completions)
        {
            waiter.TrySetResult(index);
        }
    }

    private async Task WitnessLoopAsync(CancellationToken cancellationToken)
    {
        var cosigPrefix = _options.Prefix + "cosig/";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                SignedNote? latest = null;
                byte[][]? proof = null;
                var known = _witness.KnownSize(Origin);
                lock (_gate)
                {
                    var size = _toWitness is null ? 0 : Checkpoint.Parse(_toWitness.Text).Size;
                    if (_toWitness is not null && size > known)
                    {
                        latest = _toWitness;
                        proof = _tree.ConsistencyProof(known, size);
                    }
                }

                if (latest is not null)
                {
                    var line = _witness.AddCheckpoint(latest, known, proof!);
                    var size = Checkpoint.Parse(latest.Text).Size;
                    await _etcd.PutAsync(cosigPrefix + _witness.Name, Encoding.UTF8.GetBytes(size.ToString(CultureInfo.InvariantCulture) + " " + line.ToLine()), 0, cancellationToken);
                }

                var (cosigs, _) = await _etcd.RangeAsync(cosigPrefix, true, 0, 0, cancellationToken);
                lock (_gate)
                {
                    foreach (var kv in cosigs)
                    {
                        var text = Encoding.UTF8.GetString(kv.Value);
                        var space = text.IndexOf(' ', StringComparison.Ordinal);
                        if (space > 0 && long.TryParse(text[..space], CultureInfo.InvariantCulture, out var size) && _notes.TryGetValue(size, out var note))
                        {
                            try
                            {
                                var signature = SignedNote.Parse("x\n\n" + text[(space + 1)..]).Signatures[0];
                                var cosigned = note.With(signature);
                                _notes[size] = cosigned;
                                if (_policy.Verify(cosigned, exhaustive: false).Ok && (_cosigned is null || Checkpoint.Parse(_cosigned.Text).Size <= size))
                                {
                                    _cosigned = cosigned;
                                }
                            }
                            catch (NoteFormatException)
                            {
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is EtcdException or HttpRequestException or WitnessException)
            {
                LogEtcdTrouble(_logger, Name, e.Message);
            }

            try
            {
                await Task.Delay(_options.PollInterval * 2, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger node {Node}: {Message}")]
    private static partial void LogEtcdTrouble(ILogger logger, string node, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger node {Node} is now the sequencer at size {Size}")]
    private static partial void LogBecameSequencer(ILogger logger, string node, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger node {Node} lost the sequencer lease")]
    private static partial void LogLostLeadership(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Ledger node {Node}: {Failure}")]
    private static partial void LogFork(ILogger logger, string node, string failure);
}
