using System.Diagnostics;
using System.Globalization;
using SensorChain.Transport;
using SensorChain.Transport.Mqtt;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// Runs the MQTT benchmark: a raw baseline (same bytes, same broker, an ingester process that only counts) and then
/// the SensorChain path (<see cref="BenchPipeline.Verify"/> or <see cref="BenchPipeline.Full"/>) in its own ingester
/// process, each publishing every pre-signed batch as fast as QoS 1 with a bounded window allows. Throughput is
/// stored batches over the time from first publish to last store. CPU is reported per process (this one is the load
/// generator), so the generator's share of the machine is visible.
/// </summary>
internal static class MqttBench
{
    public static async Task<int> RunAsync(MqttBenchSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        LocalMosquitto? local = null;
        try
        {
            MqttBrokerAddress address;
            if (settings.Broker is null)
            {
                local = await LocalMosquitto.StartAsync(cancellationToken);
                address = new MqttBrokerAddress("127.0.0.1", local.Port, false);
            }
            else
            {
                address = MqttBrokerAddress.Parse(settings.Broker);
                if (address.UseTls)
                {
                    await Console.Error.WriteLineAsync("bench mqtt publishes for many devices per connection and needs a plain (mqtt://) listener; the TLS path is covered by tests.");
                    return 2;
                }
            }

            output.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {ProcessCpu.LoadAverage()} before the run (other jobs share the machine)");
            var cpu = Process.GetCurrentProcess();
            var genCpu = cpu.TotalProcessorTime;
            var genClock = Stopwatch.StartNew();
            using var fleet = BenchFleet.Create(settings.Patients, settings.Seconds);
            output.WriteLine(string.Create(inv, $"generated {settings.Patients * settings.Seconds} signed batches ({fleet.BytesPerBatch} bytes, {fleet.SamplesPerBatch} samples each) in {genClock.Elapsed.TotalSeconds:F1} s, cpu {(Process.GetCurrentProcess().TotalProcessorTime - genCpu).TotalSeconds:F1} s (before the clock starts, not timed)"));
            var work = Path.Combine(Path.GetTempPath(), "sensorchain-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(work);
            try
            {
                var keys = Path.Combine(work, "keys.txt");
                await File.WriteAllLinesAsync(keys, fleet.Keys.Select(k => k.Id + " " + Convert.ToBase64String(k.PublicKeySpki)), cancellationToken);
                var baseline = await PhaseAsync(BenchPipeline.Raw, settings, address, fleet, keys, work, local, output, cancellationToken);
                var result = await PhaseAsync(settings.Pipeline, settings, address, fleet, keys, work, local, output, cancellationToken);
                var expected = (long)settings.Patients * settings.Seconds;
                var rows = long.Parse(result.Stats["rows"], inv);
                var complete = int.Parse(result.Stats["complete"], inv);
                var dup = long.Parse(result.Stats["dup"], inv);
                var lost = expected - rows;
                output.WriteLine(BenchProfile.Measure(fleet, 500));
                output.WriteLine(string.Create(inv, $"store: {rows} rows, {complete}/{settings.Patients} chains complete and linked, rejected {result.Stats["rejected"]}, redelivered {dup} (absorbed by the idempotent store)"));
                output.WriteLine($"machine: load average {ProcessCpu.LoadAverage()} after the run");
                var ratio = baseline.BatchesPerSecond > 0 ? result.BatchesPerSecond / baseline.BatchesPerSecond : 0;
                output.WriteLine(string.Create(inv,
                    $"RESULT patients={settings.Patients} batches_per_s={result.BatchesPerSecond:F0} samples_per_s={result.BatchesPerSecond * fleet.SamplesPerBatch:F0} p50_ms={result.P50Ms:F1} p99_ms={result.P99Ms:F1} lost={lost} dup={dup} baseline_ratio={ratio:F2} pipeline={(settings.Pipeline == BenchPipeline.Full ? "full" : "verify")}"));
                return lost == 0 && complete == settings.Patients ? 0 : 1;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }
        finally
        {
            if (local is not null)
            {
                await local.DisposeAsync();
            }
        }
    }

    private static async Task<PhaseResult> PhaseAsync(BenchPipeline pipeline, MqttBenchSettings settings, MqttBrokerAddress address, BenchFleet fleet, string keys, string work, LocalMosquitto? local, TextWriter output, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        var name = pipeline == BenchPipeline.Raw ? "baseline" : "sensorchain-" + pipeline.ToString().ToLowerInvariant();
        var patients = settings.Patients;
        var seconds = settings.Seconds;
        var total = (long)patients * seconds;
        var published = new long[total];
        var run = Guid.NewGuid().ToString("N")[..6];
        var connection = (string id) => MqttConnectionOptions.For(address, id) with { SessionExpiry = TimeSpan.Zero, ReceiveMaximum = 100, KeepAlive = TimeSpan.FromSeconds(60) };

        using var ingester = await BenchIngestProcess.StartAsync(
        [
            "--broker", $"mqtt://{address.Host}:{address.Port.ToString(inv)}", "--keys", keys, "--seconds", seconds.ToString(inv),
            "--slots", settings.Slots.ToString(inv), "--group", $"bench-{run}-{name}", "--pipeline", pipeline.ToString(),
            "--db", Path.Combine(work, name + ".db"), "--max-group", settings.MaxGroup.ToString(inv),
        ], Path.Combine(work, name + ".times"), cancellationToken);

        var connections = Math.Min(settings.Connections, patients);
        var publishers = new MqttBatchPublisher[connections];
        for (var c = 0; c < connections; c++)
        {
            publishers[c] = new MqttBatchPublisher(new MqttPublisherOptions { Connection = connection($"bench-{run}-{name}-gw-{c}"), DeviceId = $"bench-gw-{c}", MaxInFlight = 64 }, TimeProvider.System);
        }

        foreach (var p in publishers)
        {
            await p.WaitConnectedAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        var ids = fleet.Keys.Select(k => k.Id.ToString()).ToArray();
        var generatorBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var ingesterBefore = ingester.CpuSeconds;
        var brokerBefore = ProcessCpu.Seconds(local?.ProcessId);
        var clock = Stopwatch.StartNew();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(publishers.Select((publisher, c) => Task.Run(async () =>
        {
            var window = new Queue<Task>();
            for (var s = 0; s < seconds; s++)
            {
                for (var p = c; p < patients; p += connections)
                {
                    if (window.Count >= 64)
                    {
                        await window.Dequeue();
                    }

                    published[(p * seconds) + s] = Stopwatch.GetTimestamp();
                    window.Enqueue(publisher.PublishAsync(ids[p], (ulong)s, fleet.Batches[p][s], cancellationToken));
                }
            }

            await Task.WhenAll(window);
        }, cancellationToken)));
        var publishSeconds = clock.Elapsed.TotalSeconds;

        var lastProgress = Stopwatch.StartNew();
        var seen = ingester.Stored;
        while (ingester.Stored < total && lastProgress.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10, cancellationToken);
            if (ingester.Stored != seen)
            {
                seen = ingester.Stored;
                lastProgress.Restart();
            }
        }

        var generatorCpu = (Process.GetCurrentProcess().TotalProcessorTime - generatorBefore).TotalSeconds;
        var ingesterCpu = ingester.CpuSeconds - ingesterBefore;
        var brokerCpu = ProcessCpu.Seconds(local?.ProcessId) - brokerBefore;
        foreach (var p in publishers)
        {
            await p.DisposeAsync();
        }

        var (stats, storedTicks) = await ingester.StopAsync(cancellationToken);
        var latencies = new List<double>((int)total);
        long lastStored = start;
        for (var i = 0; i < total && i < storedTicks.Length; i++)
        {
            if (storedTicks[i] != 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(published[i], storedTicks[i]).TotalMilliseconds);
                lastStored = Math.Max(lastStored, storedTicks[i]);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(start, lastStored).TotalSeconds;
        latencies.Sort();
        var result = new PhaseResult(
            elapsed > 0 ? latencies.Count / elapsed : 0,
            latencies.Count > 0 ? latencies[(int)(latencies.Count * 0.50)] : 0,
            latencies.Count > 0 ? latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))] : 0,
            stats);
        var n = Math.Max(1, latencies.Count);
        string Cpu(double? s) => s is { } v ? string.Create(inv, $"{v:F1} s ({v / Math.Max(elapsed, 1e-9) * 100:F0} % of a core, {v * 1e6 / n:F0} us/batch)") : "n/a";
        output.WriteLine(string.Create(inv,
            $"{name}: {latencies.Count}/{total} batches in {elapsed:F2} s (publishing took {publishSeconds:F2} s) = {result.BatchesPerSecond:F0} batches/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms"));
        output.WriteLine($"{name} cpu: load generator (publisher process) {Cpu(generatorCpu)}; ingester process {Cpu(ingesterCpu)}; broker {Cpu(brokerCpu)}");
        if (pipeline == BenchPipeline.Verify)
        {
            var decode = double.Parse(stats["decode_s"], inv);
            var verify = double.Parse(stats["verify_s"], inv);
            var store = double.Parse(stats["store_s"], inv);
            var commits = Math.Max(1, long.Parse(stats["commits"], inv));
            var rest = ingesterCpu is { } ic ? ic - decode - verify - store : double.NaN;
            output.WriteLine(string.Create(inv,
                $"where the time goes (ingester, per batch): decode {decode * 1e6 / n:F0} us, verify signature {verify * 1e6 / n:F0} us, SQLite store {store * 1e6 / n:F0} us ({commits} commits, {(double)n / commits:F1} batches each), MQTT receive/ack + runtime {rest * 1e6 / n:F0} us; broker {(brokerCpu ?? double.NaN) * 1e6 / n:F0} us, load generator {generatorCpu * 1e6 / n:F0} us"));
        }
        else if (pipeline == BenchPipeline.Full)
        {
            var store = double.Parse(stats["store_s"], inv);
            var commits = Math.Max(1, long.Parse(stats["commits"], inv));
            var writerCpu = stats.TryGetValue("writer_cpu_s", out var c) ? double.Parse(c, inv) : double.NaN;
            var writerWait = stats.TryGetValue("writer_wait_s", out var w) ? double.Parse(w, inv) : double.NaN;
            output.WriteLine(string.Create(inv,
                $"where the time goes (ingester, per batch): store writer thread busy {store * 1e6 / n:F0} us wall ({store / Math.Max(elapsed, 1e-9) * 100:F0} % of the run; {commits} commits, {(double)n / commits:F1} batches each; one writer, so this bounds the rate) = {writerCpu * 1e6 / n:F0} us on a core + {writerWait * 1e6 / n:F0} us waiting for one + the rest blocked (fsync), all other ingester work {((ingesterCpu ?? double.NaN) - writerCpu) * 1e6 / n:F0} us CPU"));
        }

        return result;
    }

    private sealed record PhaseResult(double BatchesPerSecond, double P50Ms, double P99Ms, Dictionary<string, string> Stats);
}
