using SensorChain.Ingest.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Storage.Postgres;

namespace SensorChain.Cli.Hosting;

/// <summary>Opens the cloud's ingest store: PostgreSQL when a connection string is given (ingesters on several hosts share it), else SQLite in a folder.</summary>
internal static class IngestStoreFactory
{
    /// <summary>Environment variable read by <c>--postgres</c>.</summary>
    public const string PostgresVariable = "SENSORCHAIN_POSTGRES";

    /// <summary>Opens and migrates the store.</summary>
    public static async Task<IIngestStore> OpenAsync(string? postgres, string sqliteDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        if (postgres is null)
        {
            return await SqliteIngestStore.OpenAsync(sqliteDirectory, time, cancellationToken);
        }

        var store = new PostgresIngestStore(postgres);
        try
        {
            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
