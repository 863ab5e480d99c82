using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SensorChain.Edge.Gateway;
using SensorChain.Edge.Hardware.Kit;
using SensorChain.Transport;

namespace SensorChain.Cli.Commands.Kit;

/// <summary>
/// <c>sensorchain bench edge --seconds S</c>: starts <c>sensorchain sim kit</c> as a child process and runs the gateway
/// (KitAcquisitionSource over the Unix socket and PTYs → EdgeGateway → SQLite outbox → in-process publisher) in this
/// process, then prints this process's CPU (% of one core) and RSS.
/// </summary>
internal static class BenchEdgeCommand
{
    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "Measured run time.", DefaultValueFactory = _ => 60 };
        var kitPath = new Option<string?>("--kit") { Description = "Use the kit.json of an already running `sim kit` instead of starting one." };
        var edge = new Command("edge", "Emulated kit and gateway as separate processes over real PTYs and sockets; prints a RESULT line.") { seconds, kitPath };
        edge.SetAction(async (parse, cancellationToken) =>
        {
            var duration = parse.GetValue(seconds);
            if (duration is < 5 or > 3600)
            {
                await Console.Error.WriteLineAsync("--seconds must be between 5 and 3600.");
                return 2;
            }

            return await RunAsync(duration, parse.GetValue(kitPath), cancellationToken);
        });
        return new Command("bench", "Load drivers and benchmarks.") { edge };
    }

    private static async Task<int> RunAsync(int seconds, string? existingKit, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sensorchain-bench-edge-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        using var kit = existingKit is null ? StartKit(Path.Combine(dir, "kit")) : null;
        try
        {
            var configPath = existingKit is null ? Path.Combine(dir, "kit", "kit.json") : Path.GetFullPath(existingKit);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(configPath))
            {
                if (kit is null || kit.HasExited || DateTime.UtcNow > deadline)
                {
                    await Console.Error.WriteLineAsync("The emulated kit did not start (no kit.json).");
                    return 1;
                }

                await Task.Delay(100, cancellationToken);
            }

            await Task.Delay(200, cancellationToken);
            var time = TimeProvider.System;
            await using var bus = new InProcessBus(time);
            using var stopBus = new CancellationTokenSource();
            var delivering = bus.StartAsync((_, _) => Task.CompletedTask, stopBus.Token);
            var kitSource = new KitAcquisitionSource(KitConfig.Load(configPath), time);
            var source = new CountingSource(kitSource);
            await using var gateway = await GatewayInstance.OpenAsync(Path.Combine(dir, "gateway"), source, bus.CreatePublisher(), time, null, null, cancellationToken);
            kitSource.Start();
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var running = gateway.Gateway.RunAsync(run.Token);

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken); // warm-up: JIT, first windows
            var self = Process.GetCurrentProcess();
            var cpu0 = self.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var stats0 = gateway.Gateway.Stats;
            var flagged0 = source.FlaggedChannels;
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpu0).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;
            var rss = self.WorkingSet64 / (1024.0 * 1024.0);
            var stats = gateway.Gateway.Stats;
            await run.CancelAsync();
            await running;
            await stopBus.CancelAsync();
            await delivering;

            foreach (var s in kitSource.Sensors.Where(s => s.Faults > 0))
            {
                Console.WriteLine($"note: {s.Name} had {s.Faults} fault(s), last: {s.LastError}");
            }

            Console.WriteLine("flagged channels (whole run): " + string.Join(", ", source.ByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT cpu_pct={cpu:0.00} rss_mb={rss:0.0} batches={stats.Signed - stats0.Signed} samples={stats.Samples - stats0.Samples} quality_flags={source.FlaggedChannels - flagged0}"));
            return 0;
        }
        finally
        {
            if (kit is not null)
            {
                try
                {
                    kit.Kill(entireProcessTree: true);
                    await kit.WaitForExitAsync(CancellationToken.None);
                }
                catch (InvalidOperationException)
                {
                }
            }

            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Process StartKit(string exposeDir)
    {
        var host = Environment.ProcessPath!;
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = false, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(typeof(BenchEdgeCommand).Assembly.Location);
        }

        foreach (var a in new[] { "sim", "kit", "--scenario", "stable", "--expose", exposeDir, "--glucose-interval", "5", "--bp-interval", "10" })
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the emulated kit.");
    }
}
