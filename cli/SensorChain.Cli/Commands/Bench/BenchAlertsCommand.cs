using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SensorChain.Clinical;
using SensorChain.Clinical.Alarms;
using SensorChain.FirmwareSim;

namespace SensorChain.Cli.Commands.Bench;

/// <summary>
/// <c>sensorchain bench alerts</c>: scenario patients among stable ones, 1-s simulated batches driven in-process through
/// detection, the alarm manager and the live feed. Latency per alert = batch window wait (sample time of the evidence
/// to the end of its 1-s batch, the earliest the gateway can send it) + measured wall time from handing the batch to
/// detection until a feed subscriber has the alarm. Transport, signing and storage are not in this path.
/// </summary>
internal static class BenchAlertsCommand
{
    public static Command CreateGroup() => new("bench", "Benchmarks.") { Create() };

    public static Command Create()
    {
        var stable = new Option<int>("--stable") { Description = "Stable patients alongside one patient per scenario.", DefaultValueFactory = _ => 20 };
        var seconds = new Option<int>("--seconds") { Description = "Simulated seconds per patient.", DefaultValueFactory = _ => 150 };
        var command = new Command("alerts", "Alert latency from sample to subscriber (in-process), with missed/false counts.") { stable, seconds };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stableCount = Math.Max(0, parseResult.GetValue(stable));
            var duration = Math.Max(30, parseResult.GetValue(seconds));
            return await RunAsync(stableCount, duration, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(int stableCount, int seconds, CancellationToken cancellationToken)
    {
        const long start = 1_767_225_600_000;
        var patients = new List<(string Id, VirtualPatient Patient)>();
        var seed = 100L;
        foreach (var scenario in Scenario.All.Where(s => s.Id != "stable"))
        {
            patients.Add(($"bench-{scenario.Id}", new VirtualPatient(seed++, scenario, start)));
        }

        for (var i = 0; i < stableCount; i++)
        {
            patients.Add(($"bench-stable-{i}", new VirtualPatient(seed++, Scenario.Stable, start)));
        }

        var feed = new AlarmFeed(capacity: 100_000);
        var alarms = new AlarmManager(TimeProvider.System, feed);
        var handler = new ClinicalDetectionHandler(alarms);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var received = new Dictionary<Guid, long>();
        var receivedLock = new Lock();
        var subscriber = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in feed.Subscribe(cts.Token).ConfigureAwait(false))
                {
                    lock (receivedLock)
                    {
                        received.TryAdd(change.AlarmId, Stopwatch.GetTimestamp());
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
        while (feed.SubscriberCount == 0)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }

        var latencies = new List<double>();
        var raised = new Dictionary<string, HashSet<string>>();
        var pending = new List<(AlarmChange Change, long HandedAt, double WindowWaitMs)>();
        for (var s = 0; s < seconds; s++)
        {
            var t = start + s * 1000L;
            foreach (var (id, patient) in patients)
            {
                var channels = patient.RenderWindow(t, 1000);
                var handedAt = Stopwatch.GetTimestamp();
                foreach (var change in handler.Handle(id, t, 1000, channels))
                {
                    if (change.Kind == AlarmChangeKind.Raised)
                    {
                        (raised.TryGetValue(id, out var set) ? set : raised[id] = []).Add(change.Condition);
                        pending.Add((change, handedAt, Math.Max(0, t + 1000 - change.EvidenceAt.ToUnixTimeMilliseconds())));
                    }
                }
            }
        }

        await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        await subscriber.ConfigureAwait(false);
        var missedDelivery = 0;
        foreach (var (change, handedAt, wait) in pending)
        {
            long got;
            lock (receivedLock)
            {
                if (!received.TryGetValue(change.AlarmId, out got))
                {
                    missedDelivery++;
                    continue;
                }
            }

            latencies.Add(wait + Stopwatch.GetElapsedTime(handedAt, got).TotalMilliseconds);
        }

        var missed = missedDelivery;
        var falseAlerts = 0;
        foreach (var (id, patient) in patients)
        {
            var got = raised.GetValueOrDefault(id) ?? [];
            var missing = patient.Scenario.MustRaise.Where(c => !got.Contains(c)).ToList();
            var wrong = patient.Scenario.MustNotRaise.Where(got.Contains).ToList();
            if (patient.Scenario.Id == "stable")
            {
                wrong = [.. got];
            }

            missed += missing.Count;
            falseAlerts += wrong.Count;
            if (patient.Scenario.Id != "stable" || wrong.Count > 0)
            {
                Console.WriteLine($"{id,-32} raised [{string.Join(",", got)}] missed [{string.Join(",", missing)}] false [{string.Join(",", wrong)}]");
            }
        }

        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine($"{patients.Count} patients ({stableCount} stable), {seconds} s each, {latencies.Count} alerts delivered; in-process detection + alarm + live feed (no transport/storage)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT alert_p50_ms={P(0.50):F1} alert_p99_ms={P(0.99):F1} missed={missed} false={falseAlerts}"));
        return 0;
    }
}
