using SensorChain.Ledger.Notes;

namespace SensorChain.Ledger.Tests;

/// <summary>
/// A real ledger behind a gate for tests of the anchor queue: counts appends, can hold the first one until released,
/// and can fail the first few (a consortium node away).
/// </summary>
internal sealed class GatedLedger(ILedger inner, int failFirst = 0) : ILedger
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public TaskCompletionSource FirstAppendStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool HoldFirst { get; init; }

    public int Appends => Volatile.Read(ref _calls);

    public List<int> GroupSizes { get; } = [];

    public string Origin => inner.Origin;

    public void Release() => _release.TrySetResult();

    public async Task<long> AppendAsync(IReadOnlyList<byte[]> entries, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        if (call == 1)
        {
            FirstAppendStarted.TrySetResult();
            if (HoldFirst)
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
        }

        if (call <= failFirst)
        {
            throw new IOException($"ledger node unavailable (test, call {call})");
        }

        lock (GroupSizes)
        {
            GroupSizes.Add(entries.Count);
        }

        return await inner.AppendAsync(entries, cancellationToken);
    }

    public Task<SignedNote?> LatestCheckpointAsync(CancellationToken cancellationToken) => inner.LatestCheckpointAsync(cancellationToken);

    public Task<byte[]?> ReadEntryAsync(long index, CancellationToken cancellationToken) => inner.ReadEntryAsync(index, cancellationToken);

    public Task<long?> FindLeafAsync(byte[] leafHash, CancellationToken cancellationToken) => inner.FindLeafAsync(leafHash, cancellationToken);

    public Task<byte[][]> InclusionProofAsync(long index, long size, CancellationToken cancellationToken) => inner.InclusionProofAsync(index, size, cancellationToken);

    public Task<byte[][]> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken) => inner.ConsistencyProofAsync(oldSize, newSize, cancellationToken);

    public Task<byte[]?> ReadTileAsync(int level, long index, int width, CancellationToken cancellationToken) => inner.ReadTileAsync(level, index, width, cancellationToken);

    public Task<byte[]?> ReadEntryBundleAsync(long index, int width, CancellationToken cancellationToken) => inner.ReadEntryBundleAsync(index, width, cancellationToken);
}
