using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorChain.Cloud.Tests.Support;
using SensorChain.FhirApi;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Sqlite;
using SensorChain.TestSupport;

namespace SensorChain.Cloud.Tests.Api;

/// <summary>A real Kestrel server on 127.0.0.1 (free port) serving the FHIR API over a SQLite store with ingested data.</summary>
public sealed class FhirApiHost : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private WebApplication? _app;

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero));

    public SqliteIngestStore Store { get; private set; } = null!;

    public TestGateway Gateway { get; } = new();

    public string PatientId { get; } = DeviceEnrollmentService.NewPatientId();

    public HttpClient Client { get; private set; } = null!;

    public string BaseUrl { get; private set; } = null!;

    public const int Batches = 12;

    public async Task InitializeAsync()
    {
        Store = await SqliteIngestStore.OpenAsync(_dir.Path, Time, CancellationToken.None);
        await DeviceEnrollmentService.EnrollAsync(Store, Gateway.Key.PublicKeySpki, PatientId, Time, CancellationToken.None);
        using var ingest = new IngestService(Store, [], Time);
        for (var i = 0; i < Batches; i++)
        {
            var result = await ingest.IngestAsync(Gateway.Next().Bytes, Time.GetUtcNow(), null, CancellationToken.None);
            if (result.Outcome != IngestOutcome.Accepted)
            {
                throw new InvalidOperationException(result.ToString());
            }

            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<SensorChain.Ingest.Storage.IIngestStore>(Store);
        builder.Services.AddSensorChainFhirApi();
        builder.Services.AddSingleton<TimeProvider>(Time);
        _app = builder.Build();
        _app.MapFhirApi();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address + "/fhir";
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Store.DisposeAsync();
        Gateway.Dispose();
        _dir.Dispose();
    }
}
