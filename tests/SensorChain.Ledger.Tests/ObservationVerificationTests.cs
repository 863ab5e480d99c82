using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Ledger.Anchoring;
using SensorChain.Ledger.Embedded;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Verification;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Ledger.Tests;

/// <summary>The full walk on a real ingest (SQLite store, embedded ledger) and the tamper cases it must catch.</summary>
public sealed partial class ObservationVerificationTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
    private SqliteIngestStore _store = null!;
    private EmbeddedLedgerHost _host = null!;
    private ObservationVerifier _verifier = null!;
    private DeviceKey _key = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteIngestStore.OpenAsync(_dir.Path, _time, CancellationToken.None);
        _host = await EmbeddedLedgerHost.OpenAsync(_dir.Path, _time, CancellationToken.None);
        using var handler = new LedgerAnchorHandler(_host.Ledger, _host.Anchors, _host.Organization.KeyId, NullLogger<LedgerAnchorHandler>.Instance);
        using var ingest = new IngestService(_store, [handler], _time);
        _key = DeviceKey.Create();
        await DeviceEnrollmentService.EnrollAsync(_store, _key.PublicKeySpki, "patient-7", _time, CancellationToken.None);
        var previous = BatchHash.Zero;
        for (ulong i = 0; i < 4; i++)
        {
            var batch = new SensorBatch(_key.Id, i, previous, 1_767_254_400_000 + ((long)i * 1000), 1000, new byte[BatchFormat.SaltSize],
                [ChannelBlock.FromValues(SensorKind.HeartRate, 1, [72 + i]), ChannelBlock.FromValues(SensorKind.SpO2, 1, [97])]);
            var signed = BatchCodec.Sign(batch, _key);
            previous = signed.Hash;
            var result = await ingest.IngestAsync(signed.Bytes, _time.GetUtcNow(), null, CancellationToken.None);
            Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        }

        await handler.DrainAsync(CancellationToken.None); // accepted batches are anchored in the background
        _verifier = new ObservationVerifier(_store, _host.Ledger, _host.Anchors, LedgerPolicy.Load(_host.PolicyPath));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<List<string>> ObservationIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var record in _store.ExportAsync("Observation", null, CancellationToken.None))
        {
            ids.Add(record.Id);
        }

        return ids;
    }

    [Fact]
    public async Task Every_ingested_observation_verifies_through_all_steps()
    {
        var reports = new List<VerificationReport>();
        await foreach (var report in _verifier.VerifyAllAsync(CancellationToken.None))
        {
            reports.Add(report);
        }

        Assert.Equal(8, reports.Count);
        Assert.All(reports, r => Assert.True(r.Ok, r.FirstFailure?.Detail));
        Assert.Equal(["observation", "provenance", "batch", "observation-value", "commitment", "inclusion", "checkpoint", "cosignatures"], reports[0].Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task Exported_proof_verifies_offline_and_fails_when_any_part_is_altered()
    {
        var id = (await ObservationIdsAsync())[3];
        var (report, proof) = await _verifier.ExportProofAsync(id, CancellationToken.None);
        Assert.True(report.Ok, report.FirstFailure?.Detail);
        var policy = LedgerPolicy.Load(_host.PolicyPath);
        var text = proof!.ToString();
        Assert.True(ObservationVerifier.VerifyProof(TlogProof.Parse(text), policy).Ok);

        var hashAltered = TlogProof.Parse(text);
        hashAltered.Hashes[0][0] ^= 1;
        Assert.Equal("inclusion", ObservationVerifier.VerifyProof(hashAltered, policy).FirstFailure!.Name);

        var signatures = hashAltered.Checkpoint.Signatures;
        var logSigAltered = TlogProof.Parse(text);
        logSigAltered.Checkpoint.Signatures[0].Signature[10] ^= 1;
        Assert.Equal("checkpoint", ObservationVerifier.VerifyProof(logSigAltered, policy).FirstFailure!.Name);

        var cosigsAltered = TlogProof.Parse(text);
        cosigsAltered.Checkpoint.Signatures[1].Signature[20] ^= 1;
        cosigsAltered.Checkpoint.Signatures[2].Signature[20] ^= 1;
        Assert.Equal("cosignatures", ObservationVerifier.VerifyProof(cosigsAltered, policy).FirstFailure!.Name);
        Assert.True(signatures.Count >= 3);
    }

    [Fact]
    public async Task Changed_observation_value_is_detected()
    {
        var id = (await ObservationIdsAsync()).First(i => i.Contains("-2-", StringComparison.Ordinal));
        var record = (await _store.ReadResourceAsync("Observation", id, CancellationToken.None))!;
        var tampered = ValueRegex().Replace(record.Json, "\"value\":199", 1);
        Assert.NotEqual(record.Json, tampered);
        await _store.UpsertResourceAsync(record with { Json = tampered }, CancellationToken.None);
        var report = await _verifier.VerifyAsync(id, CancellationToken.None);
        Assert.Equal("observation-value", report.FirstFailure?.Name);
    }

    [Fact]
    public async Task Changed_stored_batch_is_detected()
    {
        var stored = (await _store.GetBatchAsync(_key.Id, 1, CancellationToken.None))!;
        var wire = BatchCompression.Decompress(stored.CompressedBytes);
        wire[^70] ^= 1;
        ExecuteCloudSql("UPDATE batches SET compressed = $c WHERE sequence = 1", ("$c", BatchCompression.Compress(wire)));
        var id = BatchFhirMapper.ObservationId(_key.Id, 1, SensorCodes.HeartRate);
        Assert.Equal("batch", (await _verifier.VerifyAsync(id, CancellationToken.None)).FirstFailure?.Name);
    }

    [Fact]
    public async Task Deleted_batch_is_detected()
    {
        ExecuteCloudSql("DELETE FROM batches WHERE sequence = 0");
        var id = BatchFhirMapper.ObservationId(_key.Id, 0, SensorCodes.HeartRate);
        var report = await _verifier.VerifyAsync(id, CancellationToken.None);
        Assert.Equal("batch", report.FirstFailure?.Name);
        Assert.Contains("not stored", report.FirstFailure!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erased_patient_secret_breaks_the_link_to_the_ledger()
    {
        await _host.Anchors.DeleteSecretAsync("patient-7", CancellationToken.None);
        var id = (await ObservationIdsAsync())[0];
        Assert.Equal("commitment", (await _verifier.VerifyAsync(id, CancellationToken.None)).FirstFailure?.Name);
    }

    [Fact]
    public async Task Catch_up_anchors_batches_stored_while_the_handler_was_down()
    {
        var anchorsBefore = _host.Ledger.Size;
        using var ingest = new IngestService(_store, [], _time);
        var batch = new SensorBatch(_key.Id, 4, (await _store.GetChainHeadAsync(_key.Id, CancellationToken.None))!.Hash, 1_767_254_404_000, 1000,
            new byte[BatchFormat.SaltSize], [ChannelBlock.FromValues(SensorKind.HeartRate, 1, [80])]);
        Assert.Equal(IngestOutcome.Accepted, (await ingest.IngestAsync(BatchCodec.Sign(batch, _key).Bytes, _time.GetUtcNow(), null, CancellationToken.None)).Outcome);
        using var handler = new LedgerAnchorHandler(_host.Ledger, _host.Anchors, _host.Organization.KeyId, NullLogger<LedgerAnchorHandler>.Instance);
        Assert.Equal(1, await handler.CatchUpAsync(_store, CancellationToken.None));
        Assert.Equal(0, await handler.CatchUpAsync(_store, CancellationToken.None));
        Assert.Equal(anchorsBefore + 1, _host.Ledger.Size);
    }

    private void ExecuteCloudSql(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("cloud.db")};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.Equal(1, command.ExecuteNonQuery());
    }

    [GeneratedRegex("\"value\":\\d+(\\.\\d+)?")]
    private static partial Regex ValueRegex();
}
