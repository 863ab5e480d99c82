using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SensorChain.TestSupport;
using SensorChain.Web.Audit;
using SensorChain.Web.Storage;

namespace SensorChain.Web.Tests;

public sealed class AuditLogTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RecordingAnchor _anchor = new();

    private AuditLog Open(int interval = 3) => new(new WebDatabase(_dir.File("web.db")), _anchor, new ManualTimeProvider(),
        Options.Create(new SensorChainWebOptions { DataDirectory = _dir.Path, AuditCheckpointInterval = interval }), NullLogger<AuditLog>.Instance);

    private static AuditEntry Read(string patient, string who = "u-1") =>
        new(who, "Carol", "Caregiver", AuditAction.Read, patient, "Observation: latest vitals", "CAREMGT", true);

    [Fact]
    public async Task Each_record_hash_covers_the_previous_one()
    {
        using var log = Open();
        var first = await log.AppendAsync(Read("p1"), CancellationToken.None);
        var second = await log.AppendAsync(Read("p2"), CancellationToken.None);
        Assert.Equal(AuditLog.GenesisHash, first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Null(log.Verify());
        Assert.Equal(2, log.Head.Sequence);
    }

    [Fact]
    public async Task Changing_a_stored_record_breaks_the_chain_at_that_record()
    {
        using (var log = Open())
        {
            for (var i = 0; i < 5; i++)
            {
                await log.AppendAsync(Read("p1"), CancellationToken.None);
            }
        }

        using (var connection = new SqliteConnection($"Data Source={_dir.File("web.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit SET json = replace(json, 'Carol', 'Mallory') WHERE seq = 3";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        using var reopened = Open();
        Assert.Equal(3, reopened.Verify());
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Checkpoints_go_to_the_anchor_every_interval_and_the_chain_continues_after_reopening()
    {
        using (var log = Open(interval: 2))
        {
            for (var i = 0; i < 4; i++)
            {
                await log.AppendAsync(Read("p1"), CancellationToken.None);
            }
        }

        Assert.Equal([2L, 4L], _anchor.Checkpoints.Select(c => c.Sequence));
        using var reopened = Open(interval: 2);
        var fifth = await reopened.AppendAsync(Read("p2"), CancellationToken.None);
        Assert.Equal(5, fifth.Sequence);
        Assert.Equal(_anchor.Checkpoints[^1].Hash, fifth.PreviousHash);
        Assert.Null(reopened.Verify());
        Assert.Single(reopened.ForPatient("p2"));
    }

    [Fact]
    public async Task Records_are_FHIR_AuditEvents_naming_who_what_and_why()
    {
        using var log = Open();
        var record = await log.AppendAsync(Read("p1"), CancellationToken.None);
        using var json = System.Text.Json.JsonDocument.Parse(record.Json);
        var root = json.RootElement;
        Assert.Equal("AuditEvent", root.GetProperty("resourceType").GetString());
        Assert.Equal("R", root.GetProperty("action").GetString());
        Assert.Equal("Carol", root.GetProperty("agent")[0].GetProperty("who").GetProperty("display").GetString());
        Assert.Equal("Patient/p1", root.GetProperty("entity")[0].GetProperty("what").GetProperty("reference").GetString());
        Assert.Equal("CAREMGT", root.GetProperty("purposeOfEvent")[0].GetProperty("coding")[0].GetProperty("code").GetString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private sealed class RecordingAnchor : IAuditAnchor
    {
        public List<AuditCheckpoint> Checkpoints { get; } = [];

        public ValueTask AnchorAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
        {
            Checkpoints.Add(checkpoint);
            return ValueTask.CompletedTask;
        }
    }
}
