using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Ledger.Anchoring;
using SensorChain.Ledger.Embedded;
using SensorChain.Ledger.Entries;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Tiles;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Ledger.Tests;

public sealed class EmbeddedLedgerTests
{
    private static readonly DeviceId Device = DeviceId.FromPublicKey([1, 2, 3]);

    private static async Task<(EmbeddedLedgerHost Host, LedgerAnchorHandler Handler)> OpenAsync(TempDirectory dir)
    {
        var host = await EmbeddedLedgerHost.OpenAsync(dir.Path, new ManualTimeProvider(), CancellationToken.None);
        return (host, new LedgerAnchorHandler(host.Ledger, host.Anchors, host.Organization.KeyId, NullLogger<LedgerAnchorHandler>.Instance));
    }

    private static BatchHash Hash(int i) => BatchHash.FromBytes(SHA256.HashData(BitConverter.GetBytes(i)));

    [Fact]
    public async Task Anchored_batch_has_a_cosigned_checkpoint_and_an_offline_verifiable_proof()
    {
        using var dir = new TempDirectory();
        var (host, handler) = await OpenAsync(dir);
        await using var _ = host;
        AnchorRecord? anchor = null;
        for (var i = 0; i < 10; i++)
        {
            anchor = await handler.AnchorAsync(Hash(i), Device, (ulong)i, "patient-1", DateTimeOffset.UnixEpoch.AddHours(500_000), CancellationToken.None);
        }

        var note = await host.Ledger.LatestCheckpointAsync(CancellationToken.None);
        var policy = LedgerPolicy.Load(host.PolicyPath);
        var verdict = policy.Verify(note!);
        Assert.True(verdict.Ok, verdict.Error);
        Assert.Equal(3, verdict.Cosigners.Count);
        Assert.Equal(10, verdict.Checkpoint!.Size);

        var entry = await host.Ledger.ReadEntryAsync(anchor!.LeafIndex, CancellationToken.None);
        var leaf = AnchorLeaf.Decode(entry);
        Assert.Equal(500_000u, leaf.HourBucket);
        var secret = await host.Anchors.GetSecretAsync("patient-1", CancellationToken.None);
        var key = BatchCommitment.DeriveBatchKey(secret!, BatchCommitment.BatchId(Device, 9));
        Assert.Equal(leaf.Commitment, BatchCommitment.Commit(key, Hash(9)));

        var proof = new TlogProof(anchor.LeafIndex, await host.Ledger.InclusionProofAsync(anchor.LeafIndex, 10, CancellationToken.None), note!, null);
        var parsed = TlogProof.Parse(proof.ToString());
        Assert.True(parsed.Verify(policy, MerkleHash.Leaf(entry!)).Ok);
        parsed.Hashes[0][5] ^= 1;
        Assert.False(parsed.Verify(policy, MerkleHash.Leaf(entry!)).Ok);
    }

    [Fact]
    public async Task Anchoring_is_idempotent_and_recovers_a_leaf_appended_before_a_crash()
    {
        using var dir = new TempDirectory();
        var (host, handler) = await OpenAsync(dir);
        await using var _ = host;
        var first = await handler.AnchorAsync(Hash(1), Device, 1, "p", DateTimeOffset.UnixEpoch, CancellationToken.None);
        var again = await handler.AnchorAsync(Hash(1), Device, 1, "p", DateTimeOffset.UnixEpoch, CancellationToken.None);
        Assert.Equal(first.LeafIndex, again.LeafIndex);

        // Simulate a crash after the ledger append but before the anchor was recorded.
        var secret = await host.Anchors.GetOrCreateSecretAsync("p", CancellationToken.None);
        var leaf = new AnchorLeaf(BatchCommitment.Commit(BatchCommitment.DeriveBatchKey(secret, BatchCommitment.BatchId(Device, 2)), Hash(2)), host.Organization.KeyId, 0);
        var index = await host.Ledger.AppendAsync([leaf.Encode()], CancellationToken.None);
        var recovered = await handler.AnchorAsync(Hash(2), Device, 2, "p", DateTimeOffset.UnixEpoch, CancellationToken.None);
        Assert.Equal(index, recovered.LeafIndex);
        Assert.Equal(2, host.Ledger.Size);
    }

    [Fact]
    public async Task Changed_stored_entry_is_detected_when_the_ledger_opens()
    {
        using var dir = new TempDirectory();
        var (host, handler) = await OpenAsync(dir);
        for (var i = 0; i < 5; i++)
        {
            await handler.AnchorAsync(Hash(i), Device, (ulong)i, "p", DateTimeOffset.UnixEpoch, CancellationToken.None);
        }

        await host.DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={dir.File("ledger/ledger.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE leaves SET data = zeroblob(41) WHERE idx = 2";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var error = await Assert.ThrowsAsync<LedgerIntegrityException>(() => EmbeddedLedgerHost.OpenAsync(dir.Path, new ManualTimeProvider(), CancellationToken.None));
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_tile_gives_a_root_that_does_not_match_the_checkpoint()
    {
        using var dir = new TempDirectory();
        var (host, _) = await OpenAsync(dir);
        await using var __ = host;
        await host.Ledger.AppendAsync(Enumerable.Range(0, 600).Select(i => BitConverter.GetBytes(i)).ToList(), CancellationToken.None);
        var checkpoint = Checkpoint.Parse((await host.Ledger.LatestCheckpointAsync(CancellationToken.None))!.Text);

        byte[]? Fetch(TilePath p) => host.Ledger.ReadTileAsync(p.Level, p.Index, p.Width, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal(checkpoint.Root, MerkleProofs.SubtreeHash(new TileNodeReader(600, Fetch), 0, 600));

        byte[]? Tampered(TilePath p)
        {
            var tile = Fetch(p);
            if (tile is not null && p is { Level: 0, Index: 2 })
            {
                tile[40] ^= 1;
            }

            return tile;
        }

        Assert.NotEqual(checkpoint.Root, MerkleProofs.SubtreeHash(new TileNodeReader(600, Tampered), 0, 600));
        var bundle = EntryBundle.Decode(await host.Ledger.ReadEntryBundleAsync(2, 88, CancellationToken.None));
        Assert.Equal(88, bundle.Count);
        Assert.Equal(BitConverter.GetBytes(512), bundle[0]);
    }

    [Fact]
    public async Task Erased_patient_secret_is_gone()
    {
        using var dir = new TempDirectory();
        var (host, handler) = await OpenAsync(dir);
        await using var _ = host;
        await handler.AnchorAsync(Hash(1), Device, 1, "p", DateTimeOffset.UnixEpoch, CancellationToken.None);
        Assert.True(await host.Anchors.DeleteSecretAsync("p", CancellationToken.None));
        Assert.Null(await host.Anchors.GetSecretAsync("p", CancellationToken.None));
    }
}
