using SensorChain.Cloud.Tests.Storage;
using SensorChain.Ingest.Storage;
using SensorChain.Storage.Postgres;

namespace SensorChain.Storage.Tests;

/// <summary>The shared <see cref="IIngestStore"/> contract (the suite SQLite passes) on a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIngestStoreContractTests(PostgresServer server) : IngestStoreContract
{
    protected override async Task<IIngestStore> CreateStoreAsync()
    {
        var store = new PostgresIngestStore(await server.CreateDatabaseAsync());
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
