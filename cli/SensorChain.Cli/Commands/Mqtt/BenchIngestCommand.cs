using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SensorChain.Protocol;
using SensorChain.Transport.Mqtt;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// <c>sensorchain bench mqtt-ingest</c> (hidden): the benchmark's ingester as its own process, so its CPU is measured
/// apart from the load generator's. Started by <see cref="BenchIngestProcess"/>; talks over stdin/stdout lines:
/// prints <c>ready</c>, then <c>stored N</c> every 100 ms, waits for <c>stop</c>, writes the store times to
/// <c>--times</c> (little-endian int64 Stopwatch ticks, [patient × seconds + second]) and prints one <c>stats …</c> line.
/// </summary>
internal static class BenchIngestCommand
{
    public static Command Create()
    {
        var broker = new Option<string>("--broker") { Required = true };
        var keys = new Option<string>("--keys") { Required = true, Description = "Lines 'deviceId spki-base64', patient order." };
        var seconds = new Option<int>("--seconds") { Required = true };
        var slots = new Option<int>("--slots") { DefaultValueFactory = _ => 8 };
        var group = new Option<string>("--group") { Required = true };
        var pipeline = new Option<BenchPipeline>("--pipeline") { DefaultValueFactory = _ => BenchPipeline.Verify };
        var db = new Option<string>("--db") { Required = true };
        var times = new Option<string>("--times") { Required = true };
        var maxGroup = new Option<int>("--max-group") { DefaultValueFactory = _ => 64 };
        var command = new Command("mqtt-ingest", "The ingester process of bench mqtt (internal).")
        {
            broker, keys, seconds, slots, group, pipeline, db, times, maxGroup,
        };
        command.Hidden = true;
        command.SetAction((parse, cancellationToken) => RunAsync(
            MqttBrokerAddress.Parse(parse.GetValue(broker)!), parse.GetValue(keys)!, parse.GetValue(seconds), parse.GetValue(slots),
            parse.GetValue(group)!, parse.GetValue(pipeline), parse.GetValue(db)!, parse.GetValue(times)!, parse.GetValue(maxGroup), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(MqttBrokerAddress address, string keysFile, int seconds, int slots, string group, BenchPipeline pipeline,
        string db, string times, int maxGroup, CancellationToken cancellationToken)
    {
        var enrolled = (await File.ReadAllLinesAsync(keysFile, cancellationToken)).Select(line => line.Split(' ')).Select(p => (p[0], Convert.FromBase64String(p[1]))).ToList();
        var devices = new Dictionary<string, (int Index, ECDsa Key)>();
        foreach (var (id, spki) in enrolled)
        {
            devices[id] = (devices.Count, P256.ImportPublicKey(spki));
        }

        using IBenchIngester ingester = pipeline == BenchPipeline.Full
            ? await BenchFullIngester.CreateAsync(db, enrolled, seconds, cancellationToken)
            : new BenchIngester(pipeline, db, devices, seconds, maxGroup);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions
        {
            Connection = MqttConnectionOptions.For(address, "x") with { SessionExpiry = TimeSpan.Zero, ReceiveMaximum = 100, KeepAlive = TimeSpan.FromSeconds(60) },
            Group = group,
            Slots = [.. Enumerable.Range(0, slots).Select(i => $"{group}-{i}")],
            ClockInterval = TimeSpan.Zero,
        }, TimeProvider.System);
        await using (subscriber)
        {
            var subscription = subscriber.StartAsync(ingester.Handle, stop.Token);
            await subscriber.WaitConnectedAsync(TimeSpan.FromSeconds(30), cancellationToken);
            Console.Out.WriteLine("ready");
            var progress = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {ingester.Stored}"));
                    await Task.Delay(100, CancellationToken.None);
                }
            }, CancellationToken.None);
            while (await Console.In.ReadLineAsync(cancellationToken) is { } command && command != "stop")
            {
            }

            await stop.CancelAsync();
            await subscription;
            await progress;
        }

        ingester.Close();
        var (rows, complete) = ingester.CheckChains();
        await File.WriteAllBytesAsync(times, MemoryMarshal.AsBytes(ingester.StoredTicks).ToArray(), cancellationToken);
        var (decode, verify, store, commits) = ingester.Phases;
        var (writerCpu, writerWait) = NamedThreadTimes.Of("sqlite-writer");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stats stored={ingester.Stored} rows={rows} complete={complete} dup={ingester.Duplicates} rejected={ingester.Rejected} decode_s={decode.TotalSeconds:F4} verify_s={verify.TotalSeconds:F4} store_s={store.TotalSeconds:F4} commits={commits} received={subscriber.Received} writer_cpu_s={writerCpu.TotalSeconds:F4} writer_wait_s={writerWait.TotalSeconds:F4}"));
        foreach (var (_, key) in devices.Values)
        {
            key.Dispose();
        }

        return 0;
    }
}
