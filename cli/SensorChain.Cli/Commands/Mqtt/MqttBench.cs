using System.Diagnostics;
using System.Globalization;
using SensorChain.Transport;
using SensorChain.Transport.Mqtt;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// Runs the MQTT benchmark: a raw baseline (same bytes, same broker, a handler that only counts) and then the
/// SensorChain path (verify + idempotent SQLite store), each publishing every pre-signed batch as fast as QoS 1
/// with a bounded window allows. Throughput is stored batches over the time from first publish to last store.
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

            var cpu = Process.GetCurrentProcess();
            var genCpu = cpu.TotalProcessorTime;
            var genClock = Stopwatch.StartNew();
            using var fleet = BenchFleet.Create(settings.Patients, settings.Seconds);
            output.WriteLine(string.Create(inv, $"generated {settings.Patients * settings.Seconds} signed batches ({fleet.BytesPerBatch} bytes, {fleet.SamplesPerBatch} samples each) in {genClock.Elapsed.TotalSeconds:F1} s, cpu {(Process.GetCurrentProcess().TotalProcessorTime - genCpu).TotalSeconds:F1} s (not timed)"));

            var baseline = await PhaseAsync("baseline", settings, address, fleet, null, local, output, cancellationToken);
            var dbPath = Path.Combine(Path.GetTempPath(), "sensorchain-bench-" + Guid.NewGuid().ToString("N")[..8] + ".db");
            try
            {
                var devices = fleet.Keys.Select((k, i) => (k, i)).ToDictionary(x => x.k.Id.ToString(), x => (x.i, x.k.Key));
                using var ingester = new BenchIngester(dbPath, devices, settings.Seconds);
                var result = await PhaseAsync("sensorchain", settings, address, fleet, ingester, local, output, cancellationToken);
                var (rows, complete) = ingester.CheckChains();
                var expected = (long)settings.Patients * settings.Seconds;
                var lost = expected - rows;
                output.WriteLine(BenchProfile.Measure(fleet, 500));
                output.WriteLine(string.Create(inv, $"store: {rows} rows, {complete}/{settings.Patients} chains complete and linked, rejected {ingester.Rejected}, redelivered {ingester.Duplicates} (absorbed by the idempotent store)"));
                var ratio = baseline.BatchesPerSecond > 0 ? result.BatchesPerSecond / baseline.BatchesPerSecond : 0;
                output.WriteLine(string.Create(inv,
                    $"RESULT patients={settings.Patients} batches_per_s={result.BatchesPerSecond:F0} samples_per_s={result.BatchesPerSecond * fleet.SamplesPerBatch:F0} p50_ms={result.P50Ms:F1} p99_ms={result.P99Ms:F1} lost={lost} dup={ingester.Duplicates} baseline_ratio={ratio:F2}"));
                return lost == 0 && complete == settings.Patients ? 0 : 1;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
                {
                    File.Delete(f);
                }
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

    private static async Task<PhaseResult> PhaseAsync(string name, MqttBenchSettings settings, MqttBrokerAddress address, BenchFleet fleet, BenchIngester? ingester, LocalMosquitto? local, TextWriter output, CancellationToken cancellationToken)
    {
        var patients = settings.Patients;
        var seconds = settings.Seconds;
        var total = (long)patients * seconds;
        var published = new long[total];
        var receivedAt = new long[total];
        long received = 0;
        var run = Guid.NewGuid().ToString("N")[..6];
        var connection = (string id) => MqttConnectionOptions.For(address, id) with { SessionExpiry = TimeSpan.Zero, ReceiveMaximum = 100, KeepAlive = TimeSpan.FromSeconds(60) };

        Func<ReceivedBatch, CancellationToken, Task> handler = ingester is not null
            ? ingester.Handle
            : (batch, _) =>
            {
                // Raw baseline: identify the batch by its bytes' position only (no decoding, no verification, no store).
                var device = Topics.DeviceIdOf(batch.Topic);
                if (device is not null && Index.TryGetValue(device, out var p))
                {
                    var s = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(batch.Payload.Span[20..]);
                    if ((uint)s < (uint)seconds && Interlocked.CompareExchange(ref receivedAt[(p * seconds) + s], Stopwatch.GetTimestamp(), 0) == 0)
                    {
                        Interlocked.Increment(ref received);
                    }
                }

                return Task.CompletedTask;
            };
        Index = fleet.Keys.Select((k, i) => (k, i)).ToDictionary(x => x.k.Id.ToString(), x => x.i);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions
        {
            Connection = connection("x"),
            Group = name,
            Slots = [.. Enumerable.Range(0, settings.Slots).Select(i => $"bench-{run}-{name}-{i}")],
            ClockInterval = TimeSpan.Zero,
        }, TimeProvider.System);
        var subscription = subscriber.StartAsync(handler, stop.Token);
        await subscriber.WaitConnectedAsync(TimeSpan.FromSeconds(30), cancellationToken);

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
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var brokerBefore = BrokerCpu(local);
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

        long Done() => ingester?.Stored ?? Interlocked.Read(ref received);
        var lastProgress = Stopwatch.StartNew();
        var seen = Done();
        while (Done() < total && lastProgress.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10, cancellationToken);
            if (Done() != seen)
            {
                seen = Done();
                lastProgress.Restart();
            }
        }

        var latencies = new List<double>((int)total);
        long lastStored = start;
        for (var p = 0; p < patients; p++)
        {
            for (var s = 0; s < seconds; s++)
            {
                var at = ingester?.StoredAt(p, s) ?? receivedAt[(p * seconds) + s];
                if (at != 0)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(published[(p * seconds) + s], at).TotalMilliseconds);
                    lastStored = Math.Max(lastStored, at);
                }
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(start, lastStored).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var brokerCpu = BrokerCpu(local) - brokerBefore;
        latencies.Sort();
        var result = new PhaseResult(
            elapsed > 0 ? latencies.Count / elapsed : 0,
            latencies.Count > 0 ? latencies[(int)(latencies.Count * 0.50)] : 0,
            latencies.Count > 0 ? latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))] : 0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {latencies.Count}/{total} batches in {elapsed:F2} s (publishing took {publishSeconds:F2} s) = {result.BatchesPerSecond:F0} batches/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms; cpu: this process {cpu:F1} s ({cpu / Math.Max(elapsed, 1e-9) * 100:F0} % of one core), broker {(brokerCpu is { } b ? b.ToString("F1", CultureInfo.InvariantCulture) + " s" : "n/a")}"));

        foreach (var p in publishers)
        {
            await p.DisposeAsync();
        }

        await stop.CancelAsync();
        await subscription;
        return result;
    }

    private static Dictionary<string, int> Index { get; set; } = [];

    private static double? BrokerCpu(LocalMosquitto? local)
    {
        if (local?.ProcessId is not { } pid || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }

        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private sealed record PhaseResult(double BatchesPerSecond, double P50Ms, double P99Ms);
}
