using SensorChain.Ledger.Log;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Notes;
using SensorChain.Ledger.Witnessing;
using SensorChain.TestSupport;

namespace SensorChain.Ledger.Tests;

public sealed class WitnessTests
{
    private readonly NoteSigner _log = new("test/log", Ed25519Key.Create());

    private Witness NewWitness() =>
        new(new CosignatureSigner("w1", Ed25519Key.Create()), [_log.Verifier], new MemoryWitnessStateStore(), new ManualTimeProvider());

    private SignedNote Sign(MerkleLog tree) => _log.SignNote(new Checkpoint("test/log", tree.Size, tree.Root(tree.Size)).ToText());

    private static MerkleLog Tree(int n, int salt = 0)
    {
        var tree = new MerkleLog();
        for (var i = 0; i < n; i++)
        {
            tree.AppendLeaf(BitConverter.GetBytes((i * 31) + (i >= 5 ? salt : 0)));
        }

        return tree;
    }

    [Fact]
    public void Witness_cosigns_consistent_growth()
    {
        var witness = NewWitness();
        var tree = Tree(10);
        witness.AddCheckpoint(Sign(Tree(5)), 0, []);
        var cosig = witness.AddCheckpoint(Sign(tree), 5, tree.ConsistencyProof(5, 10));
        Assert.Equal(10, witness.KnownSize("test/log"));
        Assert.Equal("w1", cosig.KeyName);
    }

    [Fact]
    public void Inconsistent_checkpoint_is_refused()
    {
        var witness = NewWitness();
        witness.AddCheckpoint(Sign(Tree(6)), 0, []);
        var fork = Tree(10, salt: 7);
        var error = Assert.Throws<WitnessException>(() => witness.AddCheckpoint(Sign(fork), 6, fork.ConsistencyProof(6, 10)));
        Assert.Contains("not consistent", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, witness.KnownSize("test/log"));
    }

    [Fact]
    public void Rollback_stale_old_size_and_foreign_signatures_are_refused()
    {
        var witness = NewWitness();
        witness.AddCheckpoint(Sign(Tree(8)), 0, []);
        Assert.Throws<WitnessException>(() => witness.AddCheckpoint(Sign(Tree(4)), 8, []));
        Assert.Equal(8, Assert.Throws<WitnessException>(() => witness.AddCheckpoint(Sign(Tree(9)), 3, [])).KnownSize);
        var stranger = new NoteSigner("test/log", Ed25519Key.Create());
        var tree = Tree(9);
        Assert.Throws<WitnessException>(() => witness.AddCheckpoint(stranger.SignNote(new Checkpoint("test/log", 9, tree.Root(9)).ToText()), 8, tree.ConsistencyProof(8, 9)));
    }
}
