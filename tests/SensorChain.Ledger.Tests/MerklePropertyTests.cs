using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using SensorChain.Ledger.Merkle;

namespace SensorChain.Ledger.Tests;

public sealed class MerklePropertyTests
{
    private static MerkleLog Tree(int n)
    {
        var log = new MerkleLog();
        for (var i = 0; i < n; i++)
        {
            log.AppendLeaf(BitConverter.GetBytes(i));
        }

        return log;
    }

    [Fact]
    public void Every_inclusion_proof_verifies_and_any_flipped_bit_fails()
    {
        var log = Tree(70);
        for (long size = 1; size <= 70; size++)
        {
            var root = log.Root(size);
            for (long i = 0; i < size; i++)
            {
                var proof = log.InclusionProof(i, size);
                Assert.True(MerkleVerifier.VerifyInclusion(log.LeafHash(i), i, size, proof, root));
                if (proof.Length > 0)
                {
                    var bad = proof.Select(p => (byte[])p.Clone()).ToArray();
                    bad[^1][3] ^= 8;
                    Assert.False(MerkleVerifier.VerifyInclusion(log.LeafHash(i), i, size, bad, root));
                    Assert.False(MerkleVerifier.VerifyInclusion(log.LeafHash(i), i, size, [.. proof, root], root));
                }
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_verifies_and_tampering_fails()
    {
        var log = Tree(40);
        for (long n = 0; n <= 40; n++)
        {
            for (long m = 0; m <= n; m++)
            {
                var proof = log.ConsistencyProof(m, n);
                Assert.True(MerkleVerifier.VerifyConsistency(m, n, log.Root(m), log.Root(n), proof), $"{m}->{n}");
                if (proof.Length > 0)
                {
                    var bad = proof.Select(p => (byte[])p.Clone()).ToArray();
                    bad[0][0] ^= 16;
                    Assert.False(MerkleVerifier.VerifyConsistency(m, n, log.Root(m), log.Root(n), bad));
                }
            }
        }
    }

    [Fact]
    public void Verifiers_never_throw_on_random_input()
    {
        Prop.ForAll<long, long, byte[][]>((index, size, proof) =>
        {
            var hashes = proof.Where(p => p is not null).ToArray();
            var root = SHA256.HashData(BitConverter.GetBytes(size));
            _ = MerkleVerifier.VerifyInclusion(root, index, size, hashes, root);
            _ = MerkleVerifier.VerifyConsistency(index, size, root, root, hashes);
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
