using System.CommandLine;
using Microsoft.Extensions.Logging;
using SensorChain.Cli.Commands.Mqtt;
using SensorChain.Cli.Hosting;
using SensorChain.Edge.Acquisition;
using SensorChain.Edge.Gateway;
using SensorChain.Edge.Hardware.Kit;
using SensorChain.FirmwareSim;

namespace SensorChain.Cli.Commands.Gateway;

/// <summary>
/// <c>sensorchain gateway run</c>: one bedside gateway as its own process — real or emulated kit (<c>--kit kit.json</c>)
/// or a simulated patient (<c>--scenario</c>) — publishing signed batches to a real MQTT broker.
/// </summary>
internal static class GatewayCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Gateway folder: device.pem (created on first start) and outbox.db. Env SENSORCHAIN_DATA.", DefaultValueFactory = _ => EnvironmentDefaults.Data("./.sensorchain/gateway") };
        var broker = new Option<string?>("--broker") { Description = "Broker URL, mqtt://host:port or mqtts://host:port. Env SENSORCHAIN_BROKER.", DefaultValueFactory = _ => EnvironmentDefaults.Broker() };
        var pki = new Option<string?>("--pki") { Description = "PKI folder (deploy/local/pki.sh) for mqtts. Env SENSORCHAIN_PKI.", DefaultValueFactory = _ => EnvironmentDefaults.Pki() };
        var kit = new Option<string?>("--kit") { Description = "Kit configuration (kit.json) of real or emulated sensors." };
        var scenario = new Option<string?>("--scenario") { Description = "Instead of a kit: a simulated patient running this scenario." };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated patient.", DefaultValueFactory = _ => 1 };

        var run = new Command("run", "Runs the gateway until stopped (SIGINT/SIGTERM); nothing signed is lost across restarts.")
        {
            data, broker, pki, kit, scenario, seed,
        };
        run.SetAction(async (parse, cancellationToken) =>
        {
            var brokerUrl = parse.GetValue(broker);
            var kitPath = parse.GetValue(kit);
            var scenarioName = parse.GetValue(scenario);
            if (brokerUrl is null)
            {
                await Console.Error.WriteLineAsync("--broker (or SENSORCHAIN_BROKER) is required.");
                return 2;
            }

            if ((kitPath is null) == (scenarioName is null))
            {
                await Console.Error.WriteLineAsync("Give exactly one of --kit FILE or --scenario NAME.");
                return 2;
            }

            var folder = Path.GetFullPath(parse.GetValue(data)!);
            IAcquisitionSource source;
            try
            {
                source = kitPath is not null ? StartKit(kitPath) : SimulatedSource(Scenario.Parse(scenarioName!), parse.GetValue(seed));
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or FormatException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            await using var transport = MqttDemoTransport.Create(brokerUrl, parse.GetValue(pki), gatewayOnly: true);
            var publisher = await transport.CreatePublisherAsync(folder, loggers.CreateLogger<Transport.Mqtt.MqttBatchPublisher>(), cancellationToken);
            await using var gateway = await GatewayInstance.OpenAsync(folder, source, publisher, TimeProvider.System, null, loggers.CreateLogger<EdgeGateway>(), cancellationToken);
            var publicKey = Path.Combine(folder, PublicKeyFileName);
            await File.WriteAllTextAsync(publicKey, gateway.Key.Key.ExportSubjectPublicKeyInfoPem(), cancellationToken);
            Console.WriteLine($"Gateway {gateway.Key.Id} → {brokerUrl}; enrol it once with: sensorchain cloud enroll --data CLOUD_DIR --public-key {publicKey}");
            await gateway.Gateway.RunAsync(cancellationToken);
            return 0;
        });

        return new Command("gateway", "The bedside gateway as its own process.") { run };
    }

    /// <summary>File the gateway writes its public key to (SubjectPublicKeyInfo PEM), for enrolment.</summary>
    public const string PublicKeyFileName = "device.pub.pem";

    private static KitAcquisitionSource StartKit(string path)
    {
        var source = new KitAcquisitionSource(KitConfig.Load(path), TimeProvider.System);
        source.Start();
        return source;
    }

    private static SimulatedPatientSource SimulatedSource(Scenario scenario, int seed) =>
        new(start => new VirtualPatient(seed, scenario, start));
}
