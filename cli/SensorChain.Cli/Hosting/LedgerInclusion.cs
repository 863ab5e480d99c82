using SensorChain.Ledger;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Merkle;

namespace SensorChain.Cli.Hosting;

/// <summary>Finds an entry on the ledger and checks it against the latest cosigned checkpoint (log signature, witness quorum, inclusion proof).</summary>
public static class LedgerInclusion
{
    /// <summary>The entry's leaf index when it is on the ledger and provably included under a checkpoint the policy accepts; else null.</summary>
    public static async Task<long?> VerifyAsync(ILedger ledger, LedgerPolicy policy, byte[] entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(policy);
        var leaf = MerkleHash.Leaf(entry);
        var index = await ledger.FindLeafAsync(leaf, cancellationToken);
        var note = await ledger.LatestCheckpointAsync(cancellationToken);
        if (index is not { } i || note is null)
        {
            return null;
        }

        var verdict = policy.Verify(note);
        if (!verdict.Ok || verdict.Checkpoint is not { } checkpoint || i >= checkpoint.Size)
        {
            return null;
        }

        var proof = await ledger.InclusionProofAsync(i, checkpoint.Size, cancellationToken);
        return MerkleVerifier.VerifyInclusion(leaf, i, checkpoint.Size, proof, checkpoint.Root) ? i : null;
    }
}
