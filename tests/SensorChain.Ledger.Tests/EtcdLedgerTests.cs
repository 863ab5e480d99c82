using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Ledger.Etcd;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Notes;
using SensorChain.Ledger.Witnessing;

namespace SensorChain.Ledger.Tests;

/// <summary>Ordering on a real 3-member etcd cluster: one sequencer, CAS checkpoints, failover, fork refusal.</summary>
[Collection("etcd")]
public sealed class EtcdLedgerTests
{
    private const string Origin = "sensorchain.test/etcd";

    private static (List<EtcdLedgerNode> Nodes, LedgerPolicy Policy) StartNodes(IReadOnlyList<string> endpoints, string origin)
    {
        var logs = Enumerable.Range(0, 3).Select(_ => new NoteSigner(origin, Ed25519Key.Create())).ToList();
        var cosigners = Enumerable.Range(0, 3).Select(i => new CosignatureSigner("w" + i, Ed25519Key.Create())).ToList();
        var policy = new LedgerPolicy([.. logs.Select(l => l.Verifier)], [.. cosigners.Select(c => NoteVerifier.Parse(c.VerifierKey))], 2);
        var nodes = new List<EtcdLedgerNode>();
        for (var i = 0; i < 3; i++)
        {
            var options = new EtcdLedgerOptions { Origin = origin, NodeName = "n" + i, Endpoints = string.Join(',', endpoints.Skip(i).Concat(endpoints.Take(i))) };
            var node = new EtcdLedgerNode(options, logs[i], new Witness(cosigners[i], policy.Logs, new MemoryWitnessStateStore(), TimeProvider.System), policy, NullLogger.Instance);
            node.Start();
            nodes.Add(node);
        }

        return (nodes, policy);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Sequencer_failover_loses_no_anchor_and_nodes_agree()
    {
        using var cluster = new EtcdCluster();
        var (nodes, policy) = StartNodes(cluster.Endpoints, Origin + "/failover");
        try
        {
            await WaitUntilAsync(() => nodes.Count(n => n.IsSequencer) == 1, TimeSpan.FromSeconds(20));
            var sequencer = nodes.Single(n => n.IsSequencer);
            var survivors = nodes.Where(n => n != sequencer).ToList();

            using var stop = new CancellationTokenSource();
            var acknowledged = 0L;
            async Task LoadAsync(EtcdLedgerNode node, int seed)
            {
                var i = 0;
                while (!stop.IsCancellationRequested)
                {
                    var entries = Enumerable.Range(0, 50).Select(k => BitConverter.GetBytes((seed * 1_000_000L) + (i * 50) + k)).ToList();
                    i++;
                    try
                    {
                        await node.AppendAsync(entries, stop.Token);
                        Interlocked.Add(ref acknowledged, entries.Count);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }

            var load = survivors.Select((n, k) => Task.Run(() => LoadAsync(n, k + 1))).ToList();
            await WaitUntilAsync(() => Interlocked.Read(ref acknowledged) > 1000, TimeSpan.FromSeconds(30));

            // Kill the sequencer's node and its etcd member mid-load.
            await sequencer.CrashAsync();
            cluster.Kill(nodes.IndexOf(sequencer) + 1);

            await WaitUntilAsync(() => survivors.Count(n => n.IsSequencer) == 1, TimeSpan.FromSeconds(30));
            var before = Interlocked.Read(ref acknowledged);
            await WaitUntilAsync(() => Interlocked.Read(ref acknowledged) > before + 1000, TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await Task.WhenAll(load);

            // Every acknowledged entry is in the log, each exactly once; both survivors hold the same tree.
            await WaitUntilAsync(() => survivors[0].Size == survivors[1].Size && survivors[0].Size >= Interlocked.Read(ref acknowledged), TimeSpan.FromSeconds(20));
            var size = survivors[0].Size;
            Assert.Equal(await RootAsync(survivors[0], size), await RootAsync(survivors[1], size));
            var seen = new HashSet<long>();
            for (long i = 0; i < size; i++)
            {
                Assert.True(seen.Add(BitConverter.ToInt64((await survivors[0].ReadEntryAsync(i, CancellationToken.None))!)));
            }

            await WaitUntilAsync(() => survivors[0].CosignedSize > 0, TimeSpan.FromSeconds(20));
            Assert.True(policy.Verify((await survivors[0].LatestCheckpointAsync(CancellationToken.None))!).Ok);
            Assert.Null(survivors[0].IntegrityFailure);
            Assert.Null(survivors[1].IntegrityFailure);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Checkpoint_that_does_not_match_the_entries_is_refused_by_followers()
    {
        using var cluster = new EtcdCluster();
        var origin = Origin + "/fork";
        var (nodes, _) = StartNodes(cluster.Endpoints, origin);
        try
        {
            await nodes[0].AppendAsync([[1], [2], [3]], CancellationToken.None);
            await WaitUntilAsync(() => nodes.All(n => n.Size == 3), TimeSpan.FromSeconds(20));

            // A rogue writer (a sequencer with a forked log) commits a checkpoint over entries it does not have.
            using var etcd = new EtcdClient(string.Join(',', cluster.Endpoints));
            var prefix = "/sensorchain/ledger/" + origin + "/";
            await etcd.PutAsync(prefix + "q/rogue/1", Tiles.EntryBundle.Encode([[9]]), 0, CancellationToken.None);
            var (current, _) = await etcd.RangeAsync(prefix + "checkpoint", false, 0, 1, CancellationToken.None);
            var forged = new NoteSigner(origin, Ed25519Key.Create()).SignNote(new Checkpoint(origin, 4, MerkleHash.Leaf([7])).ToText());
            var record = new CheckpointRecord(forged.ToString(), 4, 3, current[0].ModRevision, "rogue", [new SequencedSubmission(prefix + "q/rogue/1", 1)]);
            await etcd.PutAsync(prefix + "checkpoint", record.ToBytes(), 0, CancellationToken.None);

            await WaitUntilAsync(() => nodes.All(n => n.IntegrityFailure is not null), TimeSpan.FromSeconds(20));
            Assert.All(nodes, n => Assert.Equal(3, n.Size));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task<string> RootAsync(EtcdLedgerNode node, long size)
    {
        var hashes = new MerkleLog();
        for (long i = 0; i < size; i++)
        {
            hashes.AppendLeaf((await node.ReadEntryAsync(i, CancellationToken.None))!);
        }

        return Convert.ToHexString(hashes.Root(size));
    }
}
