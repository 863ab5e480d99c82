using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorChain.Cloud.Tests.Support;
using SensorChain.Fhir;
using SensorChain.FhirApi;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.TestSupport;

namespace SensorChain.Cloud.Tests.Api;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (free port) serving the FHIR API over a store with ingested data: SQLite here,
/// PostgreSQL in SensorChain.Storage.Tests (override <see cref="OpenStoreAsync"/>). Consent goes through
/// <see cref="Access"/>, which allows everything until a test denies something.
/// </summary>
public class FhirApiHost : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private WebApplication? _app;

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero));

    public IIngestStore Store { get; private set; } = null!;

    public TestGateway Gateway { get; } = new();

    public string PatientId { get; } = DeviceEnrollmentService.NewPatientId();

    /// <summary>A second patient with no device, for resources created over HTTP.</summary>
    public string OtherPatientId { get; } = DeviceEnrollmentService.NewPatientId();

    public RecordingPatientDataAccess Access { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public string BaseUrl { get; private set; } = null!;

    public string DataDirectory => _dir.Path;

    /// <summary>The server's services (subscriptions, batch handlers).</summary>
    public IServiceProvider Services => _app!.Services;

    public const int Batches = 12;

    public const int MaxRequestBytes = 64 * 1024;

    public async Task InitializeAsync()
    {
        Store = await OpenStoreAsync(_dir.Path, Time);
        await DeviceEnrollmentService.EnrollAsync(Store, Gateway.Key.PublicKeySpki, PatientId, Time, CancellationToken.None);
        await Store.UpsertResourceAsync(FhirRecords.From(new Patient { Id = OtherPatientId, Active = true }, Time.GetUtcNow()), CancellationToken.None);
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
        builder.Services.AddSingleton(Store);
        builder.Services.AddSingleton<IPatientDataAccess>(Access);
        builder.Services.AddSensorChainFhirApi(o =>
        {
            o.MaxRequestBytes = MaxRequestBytes;
            o.ExportDirectory = Path.Combine(_dir.Path, "export");
            o.SubscriptionMaxAttempts = 3;
            o.SubscriptionRetryDelay = TimeSpan.FromMilliseconds(20);
            o.SubscriptionRetryClock = TimeProvider.System;
        });
        builder.Services.AddSingleton<TimeProvider>(Time);
        _app = builder.Build();
        _app.UseWebSockets();
        _app.MapFhirApi();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address + "/fhir";
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>The store under test (SQLite by default).</summary>
    protected virtual async Task<IIngestStore> OpenStoreAsync(string directory, TimeProvider time) =>
        await SqliteIngestStore.OpenAsync(directory, time, CancellationToken.None);

    /// <summary>Stops what <see cref="OpenStoreAsync"/> started, after the store is disposed.</summary>
    protected virtual Task CloseAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Store.DisposeAsync();
        await CloseAsync();
        Gateway.Dispose();
        _dir.Dispose();
    }
}
