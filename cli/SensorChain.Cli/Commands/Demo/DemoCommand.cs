using System.CommandLine;
using SensorChain.Cli.Hosting;
using SensorChain.FirmwareSim;

namespace SensorChain.Cli.Commands.Demo;

/// <summary><c>sensorchain demo</c>: simulator, gateways and cloud in one process on embedded defaults.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var patients = new Option<int>("--patients") { Description = "Number of simulated patients (each with its own gateway and key).", DefaultValueFactory = _ => 3 };
        var scenario = new Option<string>("--scenario")
        {
            Description = "Scenario, or a comma-separated list assigned to patients in turn: " + Scenario.ValidNames,
            DefaultValueFactory = _ => "stable",
        };
        var duration = new Option<int?>("--duration") { Description = "Seconds to run, then print a summary and exit (default: until Ctrl+C)." };
        var data = new Option<string>("--data") { Description = "Data folder.", DefaultValueFactory = _ => "./.sensorchain" };
        var urls = new Option<string>("--urls") { Description = "Where the cloud serves the FHIR API and web app.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

        var command = new Command("demo", "Runs simulated patients, their gateways and the cloud in one process (no servers needed).")
        {
            patients, scenario, duration, data, urls,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(patients);
            if (count is < 1 or > 10_000)
            {
                await Console.Error.WriteLineAsync("--patients must be between 1 and 10000.");
                return 2;
            }

            if (parse.GetValue(duration) is < 1)
            {
                await Console.Error.WriteLineAsync("--duration must be at least 1 second.");
                return 2;
            }

            List<Scenario> scenarios;
            try
            {
                scenarios = [.. parse.GetValue(scenario)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Scenario.Parse)];
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            if (scenarios.Count == 0)
            {
                await Console.Error.WriteLineAsync("--scenario needs at least one name: " + Scenario.ValidNames);
                return 2;
            }

            var seconds = parse.GetValue(duration);
            var settings = new DemoSettings(count, scenarios, seconds is { } s ? TimeSpan.FromSeconds(s) : null,
                Path.GetFullPath(parse.GetValue(data)!), parse.GetValue(urls)!);
            return await DemoRunner.RunAsync(settings, Console.Out, cancellationToken);
        });
        return command;
    }
}
