using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Edge.Gateway;
using SensorChain.FirmwareSim;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Storage;
using SensorChain.Transport;

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
        await app.StartAsync(cancellationToken);

        await using var bus = new InProcessBus(time);
        using var stopBus = new CancellationTokenSource();
        var delivering = bus.StartAsync(ingest.HandleAsync, stopBus.Token);

        var startMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var gateways = new List<GatewayInstance>();
        try
        {
            for (var i = 0; i < settings.Patients; i++)
            {
                var scenario = settings.Scenarios[i % settings.Scenarios.Count];
                var patient = new VirtualPatient(i + 1, scenario, startMs);
                var folder = Path.Combine(settings.DataDirectory, "gateways", "patient-" + (i + 1).ToString("D4", CultureInfo.InvariantCulture));
                var gateway = await GatewayInstance.OpenAsync(folder, new SimulatedPatientSource(patient), bus.CreatePublisher(), time, null, null, cancellationToken);
                gateways.Add(gateway);
                if (await store.FindDeviceAsync(gateway.Key.Id, cancellationToken) is null)
                {
                    await DeviceEnrollmentService.EnrollAsync(store, gateway.Key.PublicKeySpki, DeviceEnrollmentService.NewPatientId(), time, cancellationToken);
                }
            }

            await output.WriteLineAsync($"SensorChain demo: {settings.Patients} patient(s) [{string.Join(", ", settings.Scenarios.Select(s => s.Id))}], data in {settings.DataDirectory}");
            await output.WriteLineAsync($"FHIR API: {settings.Urls.TrimEnd('/')}/fhir/metadata   (Ctrl+C to stop)");

            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (settings.Duration is { } duration)
            {
                run.CancelAfter(duration);
            }

            var running = gateways.Select(g => g.Gateway.RunAsync(run.Token)).ToArray();
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
