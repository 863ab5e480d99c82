using Npgsql;
using SensorChain.TestSupport;

namespace SensorChain.Storage.Tests;

/// <summary>
/// A real PostgreSQL 15 started by deploy/local/postgres.sh in a fresh folder for the test collection, stopped and
/// deleted afterwards. Each test asks for its own database so tests do not see each other's rows.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "sensorchain-pg-" + Guid.NewGuid().ToString("N")[..10]);
    private int _databases;

    /// <summary>Connection string of the server's 'sensorchain' database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("SENSORCHAIN_PG_OPTIONS", "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        ConnectionString = await LocalServerScript.RunAsync("postgres.sh", "start", _dataDir);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Interlocked.Increment(ref _databases).ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await LocalServerScript.RunAsync("postgres.sh", "stop", _dataDir);
        }
        finally
        {
            try
            {
                Directory.Delete(_dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
