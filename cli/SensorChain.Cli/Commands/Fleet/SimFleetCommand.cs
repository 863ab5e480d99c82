using System.CommandLine;
using SensorChain.Cli.Hosting;

namespace SensorChain.Cli.Commands.Fleet;

/// <summary>
/// <c>sensorchain sim fleet --patients N --broker URL</c>: N virtual patients, each with its own gateway (key, outbox,
/// MQTT connection and, on mqtts://, its own device certificate), publishing in real time to a real broker; for load
/// tests of <c>cloud run</c> and for developers without hardware.
/// </summary>
internal static class SimFleetCommand
{
    public static Command Create()
    {
        var patients = new Option<int>("--patients") { Description = "Virtual patients, one gateway each (1–100,000).", Required = true };
        var broker = new Option<string?>("--broker") { Description = "Broker URL, mqtt://host:port or mqtts://host:port. Env SENSORCHAIN_BROKER.", DefaultValueFactory = _ => EnvironmentDefaults.Broker() };
        var pki = new Option<string?>("--pki") { Description = "PKI folder (deploy/local/pki.sh) for mqtts://: each gateway's key is certified on first start. Env SENSORCHAIN_PKI.", DefaultValueFactory = _ => EnvironmentDefaults.Pki() };
        var data = new Option<string>("--data") { Description = "Folder of the gateways (gateways/patient-NNNNN: key and outbox); a second run resumes them.", DefaultValueFactory = _ => "./.sensorchain/fleet" };
        var mix = new Option<string>("--mix") { Description = "Scenario mix, e.g. stable=3,fall=1 (a bare name weighs 1). Scenarios: " + FirmwareSim.Scenario.ValidNames, DefaultValueFactory = _ => "stable" };
        var seed = new Option<long>("--seed") { Description = "Seed of the fleet; patient i is the same for the same seed and mix.", DefaultValueFactory = _ => 1 };
        var duration = new Option<int?>("--duration") { Description = "Seconds to run (default: until Ctrl+C)." };
        var enroll = new Option<string?>("--enroll") { Description = "Enrol every gateway into the SQLite store in this folder (the --data or --store of cloud run)." };
        var postgres = new Option<string?>("--postgres") { Description = $"Enrol every gateway into this PostgreSQL store (cloud run --postgres). Env {IngestStoreFactory.PostgresVariable}.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable(IngestStoreFactory.PostgresVariable) is { Length: > 0 } c ? c : null };
        var fleet = new Command("fleet", "Runs N virtual patients, each with its own gateway, against a real broker.")
        {
            patients, broker, pki, data, mix, seed, duration, enroll, postgres,
        };
        fleet.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(patients);
            if (count is < 1 or > 100_000)
            {
                await Console.Error.WriteLineAsync("--patients must be between 1 and 100,000.");
                return 2;
            }

            if (parse.GetValue(broker) is not { } brokerUrl)
            {
                await Console.Error.WriteLineAsync("--broker (or SENSORCHAIN_BROKER) is required.");
                return 2;
            }

            if (!FleetMix.TryParse(parse.GetValue(mix)!, out var shares, out var error))
            {
                await Console.Error.WriteLineAsync(error);
                return 2;
            }

            if (parse.GetValue(duration) is < 1)
            {
                await Console.Error.WriteLineAsync("--duration must be at least 1 second.");
                return 2;
            }

            var settings = new FleetSettings(count, brokerUrl, parse.GetValue(pki), Path.GetFullPath(parse.GetValue(data)!), shares, parse.GetValue(seed),
                parse.GetValue(duration) is { } s ? TimeSpan.FromSeconds(s) : null, parse.GetValue(enroll) is { } e ? Path.GetFullPath(e) : null, parse.GetValue(postgres));
            return await FleetRunner.RunAsync(settings, Console.Out, cancellationToken);
        });
        return fleet;
    }
}
