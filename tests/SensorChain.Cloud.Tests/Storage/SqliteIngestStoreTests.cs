using SensorChain.Ingest.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.TestSupport;

namespace SensorChain.Cloud.Tests.Storage;

/// <summary>The shared store contract on SQLite, plus SQLite specifics.</summary>
public sealed class SqliteIngestStoreTests : IngestStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<IIngestStore> CreateStoreAsync() =>
        await SqliteIngestStore.OpenAsync(_dir.Path, null, CancellationToken.None);

    [Fact]
    public async Task Database_uses_wal_and_records_its_schema_version()
    {
        var store = (SqliteIngestStore)Store;
        Assert.Equal([1], await store.GetSchemaVersionsAsync(CancellationToken.None));
        Assert.True(File.Exists(_dir.File(SqliteIngestStore.DefaultFileName)));
        Assert.True(File.Exists(_dir.File(SqliteIngestStore.DefaultFileName + "-wal")));
    }

    [Fact]
    public async Task Data_survive_reopening()
    {
        var (gateway, patient) = await EnrolledAsync();
        await StoreAsync(gateway.Next(), patient);
        await using var reopened = await SqliteIngestStore.OpenAsync(_dir.Path, null, CancellationToken.None);
        Assert.NotNull(await reopened.GetBatchAsync(gateway.Device, 0, CancellationToken.None));
        Assert.NotNull(await reopened.FindDeviceAsync(gateway.Device, CancellationToken.None));
    }

    public void Dispose() => _dir.Dispose();
}
