namespace SensorChain.Ledger.Merkle;

/// <summary>
/// An append-only RFC 6962 Merkle tree kept in memory as levels of complete subtrees: level 0 holds leaf hashes,
/// level k the roots of aligned subtrees of 2^k leaves. Roots, inclusion and consistency proofs for any earlier size
/// are computed in O(log² n). Not thread-safe: callers serialise access.
/// </summary>
public sealed class MerkleLog : INodeReader
{
    private readonly List<HashLevel> _levels = [new HashLevel()];

    /// <summary>Number of leaves.</summary>
    public long Size => _levels[0].Count;

    /// <summary>Appends the hash of a leaf (see <see cref="MerkleHash.Leaf(ReadOnlySpan{byte})"/>); returns its index.</summary>
    public long AppendLeafHash(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        var index = Size;
        leafHash.CopyTo(_levels[0].Add());
        var i = index;
        var level = 0;
        while ((i & 1) == 1)
        {
            if (_levels.Count == level + 1)
            {
                _levels.Add(new HashLevel());
            }

            var left = _levels[level][i - 1];
            var right = _levels[level][i];
            MerkleHash.Node(left, right, _levels[level + 1].Add());
            level++;
            i >>= 1;
        }

        return index;
    }

    /// <summary>Drops every leaf from <paramref name="size"/> on (undoes appends that were not committed).</summary>
    public void Truncate(long size)
    {
        CheckRange(size, Size);
        for (var level = 0; level < _levels.Count; level++)
        {
            _levels[level].Truncate(size >> level);
        }
    }

    /// <summary>Hashes and appends a leaf; returns its index.</summary>
    public long AppendLeaf(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[MerkleHash.Size];
        MerkleHash.Leaf(data, hash);
        return AppendLeafHash(hash);
    }

    /// <summary>The hash of leaf <paramref name="index"/>.</summary>
    public byte[] LeafHash(long index)
    {
        CheckRange(index, Size - 1);
        return _levels[0][index].ToArray();
    }

    /// <summary>The tree head of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size)
    {
        CheckRange(size, Size);
        return MerkleProofs.SubtreeHash(this, 0, size);
    }

    /// <summary>The stored hashes of level <paramref name="level"/> (0 = leaves) from <paramref name="start"/>: what a tile holds.</summary>
    public ReadOnlySpan<byte> LevelHashes(int level, long start, int count)
    {
        if (level >= _levels.Count || start < 0 || count < 0 || start + count > _levels[level].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), "Those hashes are not in the tree yet.");
        }

        return _levels[level].Range(start, count);
    }

    /// <summary>Number of complete nodes stored at <paramref name="level"/>.</summary>
    public long LevelCount(int level) => level < _levels.Count ? _levels[level].Count : 0;

    /// <summary>RFC 6962 PATH(m, D[n]): the audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/>.</summary>
    public byte[][] InclusionProof(long index, long size)
    {
        CheckRange(size, Size);
        return MerkleProofs.Inclusion(this, index, size);
    }

    /// <summary>RFC 6962 PROOF(m, D[n]): proves the tree of <paramref name="oldSize"/> is a prefix of the tree of <paramref name="newSize"/>.</summary>
    public byte[][] ConsistencyProof(long oldSize, long newSize)
    {
        CheckRange(newSize, Size);
        return MerkleProofs.Consistency(this, oldSize, newSize);
    }

    /// <inheritdoc />
    public byte[] Node(int level, long index)
    {
        if (level >= _levels.Count || index >= _levels[level].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Node {level}/{index} is not in the tree.");
        }

        return _levels[level][index].ToArray();
    }

    private static void CheckRange(long value, long max)
    {
        if (value < 0 || value > max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} is outside 0..{max}.");
        }
    }
}
