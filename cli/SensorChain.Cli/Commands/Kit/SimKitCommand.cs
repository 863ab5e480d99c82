using System.CommandLine;
using SensorChain.FirmwareSim;
using SensorChain.FirmwareSim.Chips.Kit;
using SensorChain.FirmwareSim.Chips.Signals;

namespace SensorChain.Cli.Commands.Kit;

/// <summary><c>sensorchain sim kit --scenario NAME --expose DIR</c>: one emulated kit (I2C over a Unix socket, serial devices on PTYs).</summary>
internal static class SimKitCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario: " + Scenario.ValidNames, DefaultValueFactory = _ => "stable" };
        var expose = new Option<string>("--expose") { Description = "Folder for i2c-1.sock, glucose.tty, bp.tty and kit.json.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Patient seed.", DefaultValueFactory = _ => 1 };
        var glucose = new Option<double>("--glucose-interval") { Description = "Seconds between glucose uploads.", DefaultValueFactory = _ => 30 };
        var bp = new Option<double>("--bp-interval") { Description = "Seconds between cuff measurements.", DefaultValueFactory = _ => 60 };
        var duration = new Option<int?>("--duration") { Description = "Seconds to run (default: until Ctrl+C)." };
        var kit = new Command("kit", "Starts one emulated bedside kit and writes the gateway's kit.json into --expose.")
        {
            scenario, expose, seed, glucose, bp, duration,
        };
        kit.SetAction(async (parse, cancellationToken) =>
        {
            if (!Scenario.TryParse(parse.GetValue(scenario), out var chosen))
            {
                await Console.Error.WriteLineAsync($"Unknown --scenario '{parse.GetValue(scenario)}'. Use one of: {Scenario.ValidNames}.");
                return 2;
            }

            if (parse.GetValue(glucose) < 0.5 || parse.GetValue(bp) < 0.5)
            {
                await Console.Error.WriteLineAsync("--glucose-interval and --bp-interval must be at least 0.5 s.");
                return 2;
            }

            var time = TimeProvider.System;
            var patient = new VirtualPatient(parse.GetValue(seed), chosen, time.GetUtcNow().ToUnixTimeMilliseconds());
            using var emulated = new EmulatedKit(new VirtualPatientSource(patient), time);
            var config = emulated.Expose(Path.GetFullPath(parse.GetValue(expose)!), parse.GetValue(glucose), parse.GetValue(bp));
            Console.WriteLine($"kit ready: {config} (scenario {chosen.Id}, glucose on {emulated.Glucose!.PtyPath}, cuff on {emulated.BloodPressure!.PtyPath})");
            try
            {
                await Task.Delay(parse.GetValue(duration) is { } s ? TimeSpan.FromSeconds(s) : Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        return new Command("sim", "Simulators.") { kit, Fleet.SimFleetCommand.Create() };
    }
}
