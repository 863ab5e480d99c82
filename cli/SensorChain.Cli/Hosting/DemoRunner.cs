using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Clinical.Alarms;
using SensorChain.Edge.Gateway;
using SensorChain.FirmwareSim;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Storage;
using SensorChain.Transport;
using SensorChain.Web.Accounts;

namespace SensorChain.Cli.Hosting;

/// <summary>Runs the demo: the cloud, an in-process bus, and one simulated patient + gateway per patient.</summary>
internal static class DemoRunner
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(DemoSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        await using var app = await CloudHost.BuildAsync(new CloudHostOptions { DataDirectory = settings.DataDirectory, Urls = settings.Urls }, cancellationToken);
        var store = app.Services.GetRequiredService<IIngestStore>();
        var ingest = app.Services.GetRequiredService<IngestService>();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"Cannot serve at {settings.Urls}: {ex.Message} Choose another address with --urls.");
            return 2;
        }

        await using var bus = new InProcessBus(time);
        await using var mqtt = settings.Broker is null ? null : Commands.Mqtt.MqttDemoTransport.Create(settings.Broker, settings.Pki);
        using var stopBus = new CancellationTokenSource();
        var delivering = ((IBatchSubscriber?)mqtt?.Subscriber ?? bus).StartAsync(ingest.HandleAsync, stopBus.Token);

        var gateways = new List<GatewayInstance>();
        try
        {
            for (var i = 0; i < settings.Patients; i++)
            {
                var scenario = settings.Scenarios[i % settings.Scenarios.Count];
                var seed = i + 1;
                var folder = Path.Combine(settings.DataDirectory, "gateways", "patient-" + (i + 1).ToString("D4", CultureInfo.InvariantCulture));
                var gateway = await GatewayInstance.OpenAsync(folder, new SimulatedPatientSource(start => new VirtualPatient(seed, scenario, start)), mqtt is null ? bus.CreatePublisher() : await mqtt.CreatePublisherAsync(folder, cancellationToken), time, null, null, cancellationToken);
                gateways.Add(gateway);
                if (await store.FindDeviceAsync(gateway.Key.Id, cancellationToken) is null)
                {
                    await DeviceEnrollmentService.EnrollAsync(store, gateway.Key.PublicKeySpki, DeviceEnrollmentService.NewPatientId(), time, cancellationToken);
                }
            }

            var patientIds = new List<string>();
            foreach (var gateway in gateways)
            {
                patientIds.Add((await store.FindDeviceAsync(gateway.Key.Id, cancellationToken))!.PatientId);
            }

            var logins = await DemoSeeder.SeedAsync(app.Services, patientIds, cancellationToken);
            await output.WriteLineAsync($"SensorChain demo: {settings.Patients} patient(s) [{string.Join(", ", settings.Scenarios.Select(s => s.Id))}], data in {settings.DataDirectory}");
            var baseUrl = settings.Urls.Split(';')[0].TrimEnd('/');
            await output.WriteLineAsync($"Web app:  {baseUrl}/   FHIR API: {baseUrl}/fhir/metadata   (Ctrl+C to stop)");
            await output.WriteLineAsync("Demo logins (synthetic users on this machine only):");
            foreach (var login in logins)
            {
                await output.WriteLineAsync($"  {login.Role,-20} {login.Username,-10} {login.Password,-20} {login.DisplayName}");
            }


            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (settings.Duration is { } duration)
            {
                run.CancelAfter(duration);
            }

            var running = gateways.Select(g => g.Gateway.RunAsync(run.Token)).ToArray();
            var alerts = DemoAlertPrinter.RunAsync(app.Services.GetRequiredService<AlarmFeed>(), patientIds, output, run.Token);
            var progress = new DemoProgress(output, time);
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

                await progress.ReportAsync(gateways, ingest.Statistics);
            }

            await Task.WhenAll(running);
            await alerts;

            // Deliver what the gateways signed before the stop, so the summary is complete and nothing waits in an outbox.
            foreach (var gateway in gateways)
            {
                await gateway.Gateway.DrainOnceAsync(CancellationToken.None);
            }

            await progress.SummaryAsync(gateways, ingest.Statistics, store);
            return 0;
        }
        finally
        {
            await stopBus.CancelAsync();
            await delivering;
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }

            await app.StopAsync(CancellationToken.None);
        }
    }
}
