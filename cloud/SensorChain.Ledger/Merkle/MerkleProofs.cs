namespace SensorChain.Ledger.Merkle;

/// <summary>RFC 6962 tree heads and proofs computed from any <see cref="INodeReader"/> (in-memory log or tiles).</summary>
public static class MerkleProofs
{
    /// <summary>MTH(D[start:end]).</summary>
    public static byte[] SubtreeHash(INodeReader nodes, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var n = end - start;
        if (n == 0)
        {
            return (byte[])MerkleHash.EmptyRoot.Clone();
        }

        if ((n & (n - 1)) == 0 && start % n == 0)
        {
            var level = 63 - (int)long.LeadingZeroCount(n);
            return nodes.Node(level, start >> level);
        }

        var k = MerkleHash.SplitPoint(n);
        return MerkleHash.Node(SubtreeHash(nodes, start, start + k), SubtreeHash(nodes, start + k, end));
    }

    /// <summary>PATH(index, D[size]).</summary>
    public static byte[][] Inclusion(INodeReader nodes, long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of size {size}.");
        }

        var proof = new List<byte[]>();
        Path(nodes, index, 0, size, proof);
        return [.. proof];
    }

    /// <summary>PROOF(oldSize, D[newSize]).</summary>
    public static byte[][] Consistency(INodeReader nodes, long oldSize, long newSize)
    {
        if (oldSize < 0 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"Size {oldSize} is not between 0 and {newSize}.");
        }

        var proof = new List<byte[]>();
        if (oldSize > 0 && oldSize < newSize)
        {
            SubProof(nodes, oldSize, 0, newSize, true, proof);
        }

        return [.. proof];
    }

    private static void Path(INodeReader nodes, long m, long start, long end, List<byte[]> proof)
    {
        var n = end - start;
        if (n <= 1)
        {
            return;
        }

        var k = MerkleHash.SplitPoint(n);
        if (m < k)
        {
            Path(nodes, m, start, start + k, proof);
            proof.Add(SubtreeHash(nodes, start + k, end));
        }
        else
        {
            Path(nodes, m - k, start + k, end, proof);
            proof.Add(SubtreeHash(nodes, start, start + k));
        }
    }

    private static void SubProof(INodeReader nodes, long m, long start, long end, bool complete, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(SubtreeHash(nodes, start, end));
            }

            return;
        }

        var k = MerkleHash.SplitPoint(n);
        if (m <= k)
        {
            SubProof(nodes, m, start, start + k, complete, proof);
            proof.Add(SubtreeHash(nodes, start + k, end));
        }
        else
        {
            SubProof(nodes, m - k, start + k, end, false, proof);
            proof.Add(SubtreeHash(nodes, start, start + k));
        }
    }
}
