using SensorChain.Ledger.Notes;

namespace SensorChain.Ledger;

/// <summary>
/// An append-only, witnessed transparency log of ledger entries. The embedded SQLite ledger and the etcd-ordered
/// consortium ledger both implement it.
/// </summary>
public interface ILedger
{
    /// <summary>The log's origin (checkpoint first line and log key name).</summary>
    string Origin { get; }

    /// <summary>
    /// Appends entries in order; completes when they are sequenced, durable and covered by a signed checkpoint.
    /// Returns the index of the first entry (the rest follow consecutively).
    /// </summary>
    Task<long> AppendAsync(IReadOnlyList<byte[]> entries, CancellationToken cancellationToken);

    /// <summary>The latest checkpoint with the witness cosignatures gathered so far, or null for an empty log.</summary>
    Task<SignedNote?> LatestCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>The entry at <paramref name="index"/>, or null.</summary>
    Task<byte[]?> ReadEntryAsync(long index, CancellationToken cancellationToken);

    /// <summary>The index of the first leaf whose hash is <paramref name="leafHash"/>, or null.</summary>
    Task<long?> FindLeafAsync(byte[] leafHash, CancellationToken cancellationToken);

    /// <summary>Inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/>.</summary>
    Task<byte[][]> InclusionProofAsync(long index, long size, CancellationToken cancellationToken);

    /// <summary>Consistency proof between two tree sizes.</summary>
    Task<byte[][]> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken);

    /// <summary>A tlog-tiles hash tile (level, index, width 1..256), or null when not (yet) available.</summary>
    Task<byte[]?> ReadTileAsync(int level, long index, int width, CancellationToken cancellationToken);

    /// <summary>A tlog-tiles entry bundle (index, width 1..256), or null when not available.</summary>
    Task<byte[]?> ReadEntryBundleAsync(long index, int width, CancellationToken cancellationToken);
}
