using System.Globalization;
using SensorChain.Cli.Commands.Mqtt;
using SensorChain.Cli.Hosting;
using SensorChain.Edge.Gateway;
using SensorChain.FirmwareSim;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Storage;
using SensorChain.Transport;

namespace SensorChain.Cli.Commands.Fleet;

/// <summary>
/// Runs a fleet: one <see cref="GatewayInstance"/> per virtual patient (own key, SQLite outbox and MQTT connection),
/// all in this process, in real time. Prints progress every 5 s and a summary; whatever the broker has not
/// acknowledged at the end stays in the gateways' outboxes for the next run.
/// </summary>
internal static class FleetRunner
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FinalDrain = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(FleetSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        MqttDemoTransport transport;
        try
        {
            transport = MqttDemoTransport.Create(settings.Broker, settings.Pki, gatewayOnly: true);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        await using var owned = transport;
        var fleet = new VirtualFleet(settings.Patients, 0, settings.Seed, settings.Mix);
        var gateways = new List<GatewayInstance>(settings.Patients);
        var publishers = new List<IBatchPublisher>(settings.Patients);
        try
        {
            for (var i = 0; i < fleet.Count; i++)
            {
                var patient = fleet[i];
                var folder = Path.Combine(settings.DataDirectory, "gateways", "patient-" + (i + 1).ToString("D5", CultureInfo.InvariantCulture));
                IBatchPublisher publisher;
                try
                {
                    publisher = await transport.CreatePublisherAsync(folder, cancellationToken);
                }
                catch (InvalidOperationException ex)
                {
                    // pki.sh could not certify the gateway's key (or was not found): say so instead of a stack trace.
                    await Console.Error.WriteLineAsync($"Gateway {i + 1} in {folder}: {ex.Message}");
                    return 2;
                }

                publishers.Add(publisher);
                gateways.Add(await GatewayInstance.OpenAsync(folder, new SimulatedPatientSource(start => new VirtualPatient(patient.Seed, patient.Scenario, start)),
                    publisher, time, null, null, cancellationToken));
            }

            var enrolled = await EnrollAsync(settings, gateways, time, cancellationToken);
            var scenarios = string.Join(", ", settings.Mix.Select(s => $"{s.Scenario.Id}={s.Weight.ToString(CultureInfo.InvariantCulture)}"));
            await output.WriteLineAsync($"fleet: {gateways.Count} patients [{scenarios}] → {settings.Broker}; gateways in {settings.DataDirectory}; {enrolled}");

            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (settings.Duration is { } duration)
            {
                run.CancelAfter(duration);
            }

            var started = time.GetTimestamp();
            var running = gateways.Select(g => g.Gateway.RunAsync(run.Token)).ToArray();
            while (!run.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(ProgressEvery, time, run.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                await output.WriteLineAsync(Line($"[{time.GetElapsedTime(started).TotalSeconds,5:F0}s]", gateways, publishers));
            }

            await Task.WhenAll(running);

            // The last second's batches: one bounded drain; the rest stays durable in the outboxes.
            using var drain = new CancellationTokenSource(FinalDrain);
            await Task.WhenAll(gateways.Select(async g =>
            {
                try
                {
                    await g.Gateway.DrainOnceAsync(drain.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }));
            await output.WriteLineAsync(Line("fleet stopped:", gateways, publishers));
            return 0;
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    private static string Line(string prefix, IReadOnlyList<GatewayInstance> gateways, IReadOnlyList<IBatchPublisher> publishers)
    {
        long signed = 0, acknowledged = 0, samples = 0;
        foreach (var gateway in gateways)
        {
            var stats = gateway.Gateway.Stats;
            signed += stats.Signed;
            acknowledged += stats.Acknowledged;
            samples += stats.Samples;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{prefix} patients={gateways.Count} connected={publishers.Count(p => p.IsConnected)} signed={signed} acknowledged={acknowledged} pending={signed - acknowledged} samples={samples}");
    }

    private static async Task<string> EnrollAsync(FleetSettings settings, IReadOnlyList<GatewayInstance> gateways, TimeProvider time, CancellationToken cancellationToken)
    {
        if (settings.EnrollDirectory is null && settings.EnrollPostgres is null)
        {
            return "not enrolled (the cloud rejects unknown devices: pass --enroll DIR or --postgres CONNECTION)";
        }

        await using var store = await IngestStoreFactory.OpenAsync(settings.EnrollPostgres, settings.EnrollDirectory!, time, cancellationToken);
        var added = 0;
        foreach (var gateway in gateways)
        {
            if (await store.FindDeviceAsync(gateway.Key.Id, cancellationToken) is null)
            {
                await DeviceEnrollmentService.EnrollAsync(store, gateway.Key.PublicKeySpki, DeviceEnrollmentService.NewPatientId(), time, cancellationToken);
                added++;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"enrolled {added} new, {gateways.Count - added} already");
    }
}
