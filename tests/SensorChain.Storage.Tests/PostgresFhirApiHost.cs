using SensorChain.Cloud.Tests.Api;
using SensorChain.Ingest.Storage;
using SensorChain.Storage.Postgres;

namespace SensorChain.Storage.Tests;

/// <summary>The FHIR API host of the shared REST suite on its own real PostgreSQL server.</summary>
public sealed class PostgresFhirApiHost : FhirApiHost
{
    private readonly PostgresServer _server = new();

    protected override async Task<IIngestStore> OpenStoreAsync(string directory, TimeProvider time)
    {
        await _server.InitializeAsync();
        var store = new PostgresIngestStore(await _server.CreateDatabaseAsync());
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    protected override Task CloseAsync() => _server.DisposeAsync();
}
