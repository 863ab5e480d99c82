using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Ledger.Entries;
using SensorChain.Ledger.Etcd;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Notes;
using SensorChain.Ledger.Witnessing;

namespace SensorChain.Cli.Commands.Ledger;

/// <summary>The ledger load driver: 3 etcd members, 3 ledger nodes (each with its witness), batched anchor submissions.</summary>
internal static class LedgerBenchmark
{
    private const string Origin = "sensorchain.bench/ledger";

    public static async Task<int> RunAsync(int seconds, int batchSize, int concurrency, string? dataDir, TextWriter output, CancellationToken cancellationToken)
    {
        var script = FindEtcdScript();
        var folder = dataDir ?? Path.Combine(Path.GetTempPath(), "sensorchain-bench-ledger-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var endpoints = (await RunScriptAsync(script, $"start {folder} 3", cancellationToken)).Trim().Split('\n')[^1].Split(',');
        await output.WriteLineAsync($"etcd: {string.Join(", ", endpoints)}");
        var nodes = new List<EtcdLedgerNode>();
        try
        {
            var logs = Enumerable.Range(0, 3).Select(i => new NoteSigner(Origin, Ed25519Key.Create())).ToList();
            var cosigners = Enumerable.Range(0, 3).Select(i => new CosignatureSigner("witness.org-" + (char)('a' + i), Ed25519Key.Create())).ToList();
            var policy = new LedgerPolicy([.. logs.Select(l => l.Verifier)], [.. cosigners.Select(c => NoteVerifier.Parse(c.VerifierKey))], 2);
            for (var i = 0; i < 3; i++)
            {
                var rotated = string.Join(',', endpoints.Skip(i).Concat(endpoints.Take(i)));
                var options = new EtcdLedgerOptions { Origin = Origin, NodeName = "org-" + (char)('a' + i), Endpoints = rotated };
                var witness = new Witness(cosigners[i], policy.Logs, new MemoryWitnessStateStore(), TimeProvider.System);
                var node = new EtcdLedgerNode(options, logs[i], witness, policy, NullLogger.Instance);
                node.Start();
                nodes.Add(node);
            }

            var checkpointLatencies = new List<double>();
            var cosignedLatencies = new List<double>();
            var awaitingCosign = new List<(long End, long Started, EtcdLedgerNode Node)>();
            var gate = new Lock();
            long anchors = 0;
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var clock = Stopwatch.StartNew();
            var warmup = TimeSpan.FromSeconds(2);
            var counting = false;
            var measuredFrom = TimeSpan.Zero;

            async Task SubmitLoopAsync(EtcdLedgerNode node, int worker)
            {
                var random = new Random(worker);
                while (!run.IsCancellationRequested)
                {
                    var entries = new List<byte[]>(batchSize);
                    for (var i = 0; i < batchSize; i++)
                    {
                        var commitment = new byte[32];
                        random.NextBytes(commitment);
                        entries.Add(new AnchorLeaf(commitment, 0x01020304, 500_000).Encode());
                    }

                    var started = clock.ElapsedTicks;
                    long first;
                    try
                    {
                        first = await node.AppendAsync(entries, run.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    var ms = (clock.ElapsedTicks - started) * 1000.0 / Stopwatch.Frequency;
                    lock (gate)
                    {
                        if (counting)
                        {
                            anchors += batchSize;
                            checkpointLatencies.Add(ms);
                            awaitingCosign.Add((first + batchSize, started, node));
                        }
                    }
                }
            }

            async Task CosignWatchAsync()
            {
                while (!run.IsCancellationRequested)
                {
                    lock (gate)
                    {
                        var now = clock.ElapsedTicks;
                        awaitingCosign.RemoveAll(item =>
                        {
                            if (item.Node.CosignedSize < item.End)
                            {
                                return false;
                            }

                            cosignedLatencies.Add((now - item.Started) * 1000.0 / Stopwatch.Frequency);
                            return true;
                        });
                    }

                    try
                    {
                        await Task.Delay(5, run.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }

            var workers = nodes.SelectMany((node, n) => Enumerable.Range(0, concurrency).Select(w => Task.Run(() => SubmitLoopAsync(node, (n * 1000) + w), CancellationToken.None))).ToList();
            workers.Add(Task.Run(CosignWatchAsync, CancellationToken.None));
            await Task.Delay(warmup, cancellationToken);
            lock (gate)
            {
                counting = true;
                measuredFrom = clock.Elapsed;
            }

            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
            double elapsed;
            lock (gate)
            {
                counting = false;
                elapsed = (clock.Elapsed - measuredFrom).TotalSeconds;
            }

            // Let the cosignatures of the last submissions arrive before stopping.
            for (var i = 0; i < 100 && awaitingCosign.Count > 0; i++)
            {
                await Task.Delay(50, cancellationToken);
            }

            await run.CancelAsync();
            await Task.WhenAll(workers);

            var sequencers = nodes.Where(n => n.IsSequencer).Select(n => n.Name).ToList();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"nodes: {string.Join(", ", nodes.Select(n => $"{n.Name} size={n.Size} cosigned={n.CosignedSize}"))}; sequencer: {string.Join(",", sequencers)}; still awaiting cosignature: {awaitingCosign.Count}"));

            // Offline verification of a real proof from the run's latest cosigned checkpoint.
            var note = await nodes[0].LatestCheckpointAsync(cancellationToken);
            var verifyUs = double.NaN;
            if (note is not null && policy.Verify(note).Ok)
            {
                var size = Checkpoint.Parse(note.Text).Size;
                var index = size / 2;
                var proof = new TlogProof(index, await nodes[0].InclusionProofAsync(index, size, cancellationToken), note, null);
                var leafHash = MerkleHash.Leaf((await nodes[0].ReadEntryAsync(index, cancellationToken))!);
                var text = proof.ToString();
                var ok = TlogProof.Parse(text).Verify(policy, leafHash).Ok;
                var timer = Stopwatch.StartNew();
                const int rounds = 200;
                for (var i = 0; i < rounds; i++)
                {
                    ok &= TlogProof.Parse(text).Verify(policy, leafHash).Ok;
                }

                verifyUs = timer.Elapsed.TotalMicroseconds / rounds;
                await output.WriteLineAsync($"offline verify of a tlog-proof at size {size}: {(ok ? "valid" : "INVALID")}, {text.Length} bytes as text");
            }

            // Proof size at a million entries.
            var million = new MerkleLog();
            var leaf = new byte[32];
            for (var i = 0; i < 1_000_000; i++)
            {
                BitConverter.TryWriteBytes(leaf, i);
                million.AppendLeafHash(leaf);
            }

            var bigProof = million.InclusionProof(123_456, 1_000_000);
            var proofBytes = 8 + (bigProof.Length * MerkleHash.Size);
            await output.WriteLineAsync($"inclusion proof at 1,000,000 entries: {bigProof.Length} hashes = {proofBytes} bytes binary (index + hashes)");

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"RESULT anchors_per_s={anchors / elapsed:F0} checkpoint_p99_ms={P99(checkpointLatencies):F1} cosigned_p99_ms={P99(cosignedLatencies):F1} proof_bytes={proofBytes} verify_us={verifyUs:F1}"));
            return 0;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            await RunScriptAsync(script, $"stop {folder}", CancellationToken.None);
            if (dataDir is null)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static double P99(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(values.Count * 0.99) - 1)];
    }

    internal static string FindEtcdScript()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "deploy", "local", "etcd.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("deploy/local/etcd.sh not found above the program or the current folder.");
    }

    internal static async Task<string> RunScriptAsync(string script, string arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", $"{script} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"etcd.sh {arguments} failed: {stderr}");
        }

        return stdout;
    }
}
