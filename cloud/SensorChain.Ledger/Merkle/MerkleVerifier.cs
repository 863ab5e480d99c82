namespace SensorChain.Ledger.Merkle;

/// <summary>RFC 9162 §2.1.3.2 and §2.1.4.2 proof verification. Returns false on any malformed input; never throws.</summary>
public static class MerkleVerifier
{
    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> with head <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || size <= 0 || index >= size || leafHash.Length != MerkleHash.Size || root.Length != MerkleHash.Size || proof is null)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        Span<byte> r = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);
        foreach (var p in proof)
        {
            if (sn == 0 || p is null || p.Length != MerkleHash.Size)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(p, r, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.Node(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.SequenceEqual(root);
    }

    /// <summary>Checks that the tree of <paramref name="oldSize"/> with head <paramref name="oldRoot"/> is a prefix of the tree of <paramref name="newSize"/> with head <paramref name="newRoot"/>.</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 0 || newSize < oldSize || proof is null || oldRoot.Length != MerkleHash.Size || newRoot.Length != MerkleHash.Size)
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        if (oldSize == 0)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(MerkleHash.EmptyRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        foreach (var p in proof)
        {
            if (p is null || p.Length != MerkleHash.Size)
            {
                return false;
            }
        }

        var path = new List<byte[]>(proof.Count + 1);
        if ((oldSize & (oldSize - 1)) == 0)
        {
            path.Add(oldRoot.ToArray());
        }

        path.AddRange(proof);
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        path[0].CopyTo(fr);
        path[0].CopyTo(sr);
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(c, fr, fr);
                MerkleHash.Node(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.Node(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.SequenceEqual(oldRoot) && sr.SequenceEqual(newRoot);
    }
}
