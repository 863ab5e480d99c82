using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SensorChain.Cli.Hosting;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Sqlite;
using SensorChain.Protocol;
using SensorChain.Transport.Mqtt;

namespace SensorChain.Cli.Commands.Cloud;

/// <summary>
/// <c>sensorchain cloud run</c>: the ingester as its own process on an MQTT 5 shared subscription (start several with
/// different <c>--slot</c> names to split the load), serving the FHIR API and web app; <c>sensorchain cloud enroll</c>
/// enrols a gateway's public key for a patient.
/// </summary>
internal static class CloudCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Cloud data folder (cloud.db, ledger, web.db). Env SENSORCHAIN_DATA.", DefaultValueFactory = _ => EnvironmentDefaults.Data("./.sensorchain/cloud") };
        var broker = new Option<string?>("--broker") { Description = "Broker URL, mqtt://host:port or mqtts://host:port. Env SENSORCHAIN_BROKER.", DefaultValueFactory = _ => EnvironmentDefaults.Broker() };
        var pki = new Option<string?>("--pki") { Description = "PKI folder (deploy/local/pki.sh) with ca.crt and clients/ingest.{crt,key}. Env SENSORCHAIN_PKI.", DefaultValueFactory = _ => EnvironmentDefaults.Pki() };
        var urls = new Option<string>("--urls") { Description = "Where to serve the FHIR API and web app.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var group = new Option<string>("--group") { Description = "Shared-subscription group of the ingesters.", DefaultValueFactory = _ => "ingest" };
        var slot = new Option<string>("--slot") { Description = "This ingester's persistent session name (unique per process; reuse it when restarting).", DefaultValueFactory = _ => "ingest-" + Environment.MachineName.ToLowerInvariant() };

        var takeover = new Option<double>("--takeover-grace") { Description = "Seconds a peer ingester's slot may stay offline before this process takes its session over and drains it; 0 disables. Env SENSORCHAIN_TAKEOVER_GRACE.", DefaultValueFactory = _ => EnvironmentDefaults.Seconds("SENSORCHAIN_TAKEOVER_GRACE", 10) };
        var storeDir = new Option<string?>("--store") { Description = "Folder of the ingest store (cloud.db) if not --data: one store shared by several ingester processes on this host." };

        var run = new Command("run", "Runs an ingester until stopped; acknowledges a batch only after it is stored.") { data, broker, pki, urls, group, slot, takeover, storeDir };
        run.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(broker) is not { } brokerUrl)
            {
                await Console.Error.WriteLineAsync("--broker (or SENSORCHAIN_BROKER) is required.");
                return 2;
            }

            MqttBrokerAddress address;
            try
            {
                address = MqttBrokerAddress.Parse(brokerUrl);
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            var pkiDir = parse.GetValue(pki) is { } p ? Path.GetFullPath(p) : null;
            if (address.UseTls && pkiDir is null)
            {
                await Console.Error.WriteLineAsync($"{brokerUrl} uses TLS: pass --pki DIR (deploy/local/pki.sh init DIR).");
                return 2;
            }

            var slotName = parse.GetValue(slot)!;
            var grace = parse.GetValue(takeover);
            if (grace < 0 || double.IsNaN(grace))
            {
                await Console.Error.WriteLineAsync("--takeover-grace (or SENSORCHAIN_TAKEOVER_GRACE) must be 0 (off) or a positive number of seconds.");
                return 2;
            }

            var connection = MqttConnectionOptions.For(address, slotName,
                pkiDir is null ? null : Path.Combine(pkiDir, "ca.crt"),
                pkiDir is null ? null : Path.Combine(pkiDir, "clients", "ingest.crt"),
                pkiDir is null ? null : Path.Combine(pkiDir, "clients", "ingest.key"));
            if (grace > 0)
            {
                // After a broker restart every slot reads offline (Mosquitto publishes the last wills); owners must be back
                // well within the grace period or survivors drain their slots for a moment (harmless churn, no loss).
                connection = connection with { ReconnectMax = TimeSpan.FromSeconds(Math.Clamp(grace / 2, 1, 15)) };
            }

            await using var app = await CloudHost.BuildAsync(
                new CloudHostOptions { DataDirectory = Path.GetFullPath(parse.GetValue(data)!), StoreDirectory = parse.GetValue(storeDir) is { } sd ? Path.GetFullPath(sd) : null, Urls = parse.GetValue(urls)!, LogLevel = Microsoft.Extensions.Logging.LogLevel.Information },
                cancellationToken);
            await app.StartAsync(cancellationToken);
            await using var subscriber = new MqttBatchSubscriber(
                new MqttSubscriberOptions { Connection = connection, Group = parse.GetValue(group)!, Slots = [slotName], TakeoverGrace = grace > 0 ? TimeSpan.FromSeconds(grace) : null },
                TimeProvider.System,
                app.Services.GetRequiredService<ILogger<MqttBatchSubscriber>>());
            var ingest = app.Services.GetRequiredService<IngestService>();
            Console.WriteLine($"Ingester {slotName} in group {parse.GetValue(group)} on {brokerUrl}; FHIR API at {parse.GetValue(urls)}/fhir");
            // Stop on Ctrl+C (the command's token) or SIGTERM (which the web host turns into ApplicationStopping).
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
            try
            {
                await subscriber.StartAsync(ingest.HandleAsync, stop.Token);
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            var stats = ingest.Statistics;
            Console.WriteLine($"Stopped: {stats.Accepted} accepted, {stats.Duplicates} duplicates, {stats.RejectedTotal} rejected.");
            await app.StopAsync(CancellationToken.None);
            return 0;
        });

        var publicKey = new Option<string>("--public-key") { Description = "The gateway's public key (device.pub.pem written by sensorchain gateway run).", Required = true };
        var patient = new Option<string?>("--patient") { Description = "Existing pseudonymous Patient id; a new one is created when omitted." };
        var enroll = new Command("enroll", "Enrols a gateway's key for a patient (creates the Patient and Device resources).") { data, publicKey, patient };
        enroll.SetAction(async (parse, cancellationToken) =>
        {
            byte[] spki;
            try
            {
                using var key = ECDsa.Create();
                key.ImportFromPem(await File.ReadAllTextAsync(parse.GetValue(publicKey)!, cancellationToken));
                spki = key.ExportSubjectPublicKeyInfo();
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or CryptographicException)
            {
                await Console.Error.WriteLineAsync($"Cannot read the public key: {ex.Message}");
                return 2;
            }

            await using var store = await SqliteIngestStore.OpenAsync(Path.GetFullPath(parse.GetValue(data)!), TimeProvider.System, cancellationToken);
            var device = DeviceId.FromPublicKey(spki);
            if (await store.FindDeviceAsync(device, cancellationToken) is { } existing)
            {
                Console.WriteLine($"Device {device} is already enrolled for patient {existing.PatientId}.");
                return 0;
            }

            var enrollment = await DeviceEnrollmentService.EnrollAsync(store, spki, parse.GetValue(patient) ?? DeviceEnrollmentService.NewPatientId(), TimeProvider.System, cancellationToken);
            Console.WriteLine($"Enrolled device {enrollment.Device} for patient {enrollment.PatientId}.");
            return 0;
        });

        return new Command("cloud", "The cloud ingester as its own process.") { run, enroll };
    }
}
