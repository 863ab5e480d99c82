using System.Diagnostics;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;
using SensorChain.Transport;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// <see cref="BenchPipeline.Full"/>: the product's cloud ingest path unchanged, <see cref="IngestService"/> into a
/// <see cref="SqliteIngestStore"/> (enrolment lookup, signature, chain checks, FHIR mapping and JSON, group-committed
/// transactions), each message acknowledged after the commit that holds its batch.
/// </summary>
internal sealed class BenchFullIngester : IBenchIngester
{
    private readonly SqliteIngestStore _store;
    private readonly IngestService _service;
    private readonly Dictionary<DeviceId, int> _index;
    private readonly long[] _storedTicks;
    private readonly int _seconds;
    private long _stored;
    private long _duplicates;
    private long _rejected;

    private BenchFullIngester(SqliteIngestStore store, Dictionary<DeviceId, int> index, int seconds)
    {
        _store = store;
        _index = index;
        _seconds = seconds;
        _storedTicks = new long[index.Count * seconds];
        _service = new IngestService(store, [], TimeProvider.System);
    }

    public long Stored => Interlocked.Read(ref _stored);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Store: wall time of the store's writer thread (applying and committing groups, fsync included).</summary>
    public (TimeSpan Decode, TimeSpan Verify, TimeSpan Store, long Commits) Phases => (TimeSpan.Zero, TimeSpan.Zero, _store.WriteStatistics.Busy, _store.WriteStatistics.Commits);

    public ReadOnlySpan<long> StoredTicks => _storedTicks;

    /// <summary>Creates the store and enrols every device of the run (one pseudonymous patient each).</summary>
    public static async Task<BenchFullIngester> CreateAsync(string path, IReadOnlyList<(string Id, byte[] Spki)> devices, int seconds, CancellationToken cancellationToken)
    {
        var store = new SqliteIngestStore(path, TimeProvider.System);
        await store.InitializeAsync(cancellationToken);
        var index = new Dictionary<DeviceId, int>();
        foreach (var (id, spki) in devices)
        {
            var device = DeviceId.Parse(id);
            await store.EnrollDeviceAsync(new DeviceEnrollment(device, spki, "bench-patient-" + index.Count, TimeProvider.System.GetUtcNow()), cancellationToken);
            index[device] = index.Count;
        }

        return new BenchFullIngester(store, index, seconds);
    }

    public async Task Handle(ReceivedBatch received, CancellationToken cancellationToken)
    {
        var result = await _service.IngestAsync(received, cancellationToken);
        switch (result.Outcome)
        {
            case IngestOutcome.Accepted:
                if (result.Device is { } device && _index.TryGetValue(device, out var p) && result.Sequence < (ulong)_seconds)
                {
                    Volatile.Write(ref _storedTicks[(p * _seconds) + (int)result.Sequence!.Value], Stopwatch.GetTimestamp());
                }

                Interlocked.Increment(ref _stored);
                break;
            case IngestOutcome.Duplicate:
                Interlocked.Increment(ref _duplicates);
                break;
            default:
                Interlocked.Increment(ref _rejected);
                break;
        }
    }

    public void Close()
    {
    }

    public (long Rows, int CompleteChains) CheckChains()
    {
        long rows = 0;
        var complete = 0;
        foreach (var device in _index.Keys)
        {
            var head = _store.GetChainHeadAsync(device, CancellationToken.None).GetAwaiter().GetResult();
            if (head is null)
            {
                continue;
            }

            rows += (long)head.Sequence + 1 - head.MissingCount;
            complete += head.Sequence == (ulong)_seconds - 1 && head.MissingCount == 0 ? 1 : 0;
        }

        return (rows, complete);
    }

    public void Dispose()
    {
        _service.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
