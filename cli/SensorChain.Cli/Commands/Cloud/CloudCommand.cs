using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SensorChain.Cli.Hosting;
using SensorChain.Clinical.Notifications;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Sqlite;
using SensorChain.Protocol;
using SensorChain.TimeSeries;
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
        var connections = new Option<int>("--connections")
        {
            Description = "Broker connections (shared-subscription slots) of this ingester: --slot, then --slot.1, --slot.2 …; each handles one batch at a time, and batches arriving together share one store commit. Keep it fixed for a --slot name: a slot dropped later keeps its queued share until a peer takes it over. Env SENSORCHAIN_INGEST_CONNECTIONS.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SENSORCHAIN_INGEST_CONNECTIONS") is { Length: > 0 } v
                ? int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0 // 0 is refused, naming the variable
                : 4,
        };
        var keepAlive = new Option<double>("--keep-alive") { Description = "MQTT keep-alive in seconds. An ingester that hangs (stopped process, stuck store) stops answering and the broker drops it after 1.5 x this (5 at least), publishing its slots offline so a peer can take them over. Env SENSORCHAIN_KEEP_ALIVE.", DefaultValueFactory = _ => EnvironmentDefaults.Seconds("SENSORCHAIN_KEEP_ALIVE", 15) };
        var storeDir = new Option<string?>("--store") { Description = "Folder of the ingest store (cloud.db) if not --data: one store shared by several ingester processes on this host." };
        var postgres = new Option<string?>("--postgres")
        {
            Description = $"PostgreSQL connection string of the ingest store instead of SQLite: ingesters on several hosts share it (deploy/local/postgres.sh prints one). Env {IngestStoreFactory.PostgresVariable}.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(IngestStoreFactory.PostgresVariable) is { Length: > 0 } c ? c : null,
        };
        var influx = new Option<Uri?>("--influx")
        {
            Description = $"InfluxDB 1.x or VictoriaMetrics URL for derived numerics, e.g. http://127.0.0.1:8086 (never blocks ingest). Env {TimeSeriesServiceCollectionExtensions.UrlVariable}.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(TimeSeriesServiceCollectionExtensions.UrlVariable) is { Length: > 0 } u ? new Uri(u) : null,
        };

        var notify = new Option<string?>("--notifications")
        {
            Description = "JSON file with the clinicians reached by e-mail/webhook on alarms, the SMTP relay and the dashboard link (docs/clinical.md). Env SENSORCHAIN_NOTIFICATIONS.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SENSORCHAIN_NOTIFICATIONS") is { Length: > 0 } f ? f : null,
        };

        var run = new Command("run", "Runs an ingester until stopped; acknowledges a batch only after it is stored.") { data, broker, pki, urls, group, slot, connections, keepAlive, takeover, storeDir, postgres, influx, notify };
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
            var connectionCount = parse.GetValue(connections);
            if (connectionCount is < 1 or > 64)
            {
                await Console.Error.WriteLineAsync("--connections (or SENSORCHAIN_INGEST_CONNECTIONS) must be between 1 and 64.");
                return 2;
            }

            string[] slots = [slotName, .. Enumerable.Range(1, connectionCount - 1).Select(i => $"{slotName}.{i}")];
            var grace = parse.GetValue(takeover);
            if (grace < 0 || double.IsNaN(grace))
            {
                await Console.Error.WriteLineAsync("--takeover-grace (or SENSORCHAIN_TAKEOVER_GRACE) must be 0 (off) or a positive number of seconds.");
                return 2;
            }

            var keepAliveSeconds = parse.GetValue(keepAlive);
            if (keepAliveSeconds is < 5 or > 65535 || double.IsNaN(keepAliveSeconds))
            {
                // libmosquitto refuses keep-alives under 5 s.
                await Console.Error.WriteLineAsync("--keep-alive (or SENSORCHAIN_KEEP_ALIVE) must be between 5 and 65535 seconds.");
                return 2;
            }

            var connection = MqttConnectionOptions.For(address, slotName,
                pkiDir is null ? null : Path.Combine(pkiDir, "ca.crt"),
                pkiDir is null ? null : Path.Combine(pkiDir, "clients", "ingest.crt"),
                pkiDir is null ? null : Path.Combine(pkiDir, "clients", "ingest.key")) with { KeepAlive = TimeSpan.FromSeconds(keepAliveSeconds) };
            if (grace > 0)
            {
                // After a broker restart every slot reads offline (Mosquitto publishes the last wills); owners must be back
                // well within the grace period or survivors drain their slots for a moment (harmless churn, no loss).
                connection = connection with { ReconnectMax = TimeSpan.FromSeconds(Math.Clamp(grace / 2, 1, 15)) };
            }

            NotificationOptions? notifications = null;
            if (parse.GetValue(notify) is { } notificationsPath)
            {
                try
                {
                    notifications = NotificationsFile.Load(notificationsPath);
                }
                catch (InvalidDataException ex)
                {
                    await Console.Error.WriteLineAsync(ex.Message);
                    return 2;
                }
            }

            await using var app = await CloudHost.BuildAsync(
                new CloudHostOptions { DataDirectory = Path.GetFullPath(parse.GetValue(data)!), StoreDirectory = parse.GetValue(storeDir) is { } sd ? Path.GetFullPath(sd) : null, PostgresConnection = parse.GetValue(postgres), Urls = parse.GetValue(urls)!, LogLevel = Microsoft.Extensions.Logging.LogLevel.Information, InfluxUri = parse.GetValue(influx), Notifications = notifications },
                cancellationToken);
            await app.StartAsync(cancellationToken);
            await using var subscriber = new MqttBatchSubscriber(
                new MqttSubscriberOptions { Connection = connection, Group = parse.GetValue(group)!, Slots = slots, TakeoverGrace = grace > 0 ? TimeSpan.FromSeconds(grace) : null },
                TimeProvider.System,
                app.Services.GetRequiredService<ILogger<MqttBatchSubscriber>>());
            var ingest = app.Services.GetRequiredService<IngestService>();
            Console.WriteLine($"Ingester {slotName} in group {parse.GetValue(group)} on {brokerUrl} ({slots.Length} connection{(slots.Length == 1 ? "" : "s")}); FHIR API at {parse.GetValue(urls)}/fhir");
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
        var enroll = new Command("enroll", "Enrols a gateway's key for a patient (creates the Patient and Device resources).") { data, postgres, publicKey, patient };
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

            await using var store = await IngestStoreFactory.OpenAsync(parse.GetValue(postgres), Path.GetFullPath(parse.GetValue(data)!), TimeProvider.System, cancellationToken);
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
