using SensorChain.Cloud.Tests.Support;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Sqlite;
using SensorChain.Protocol;
using SensorChain.TestSupport;
using SensorChain.Transport;

namespace SensorChain.Cloud.Tests.Ingest;

public sealed class IngestServiceTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero));
    private readonly TestGateway _gateway = new();
    private readonly RecordingHandler _handler = new();
    private SqliteIngestStore _store = null!;
    private IngestService _service = null!;
    private string _patient = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteIngestStore.OpenAsync(_dir.Path, _time, CancellationToken.None);
        _service = new IngestService(_store, [_handler], _time);
        _patient = DeviceEnrollmentService.NewPatientId();
        await DeviceEnrollmentService.EnrollAsync(_store, _gateway.Key.PublicKeySpki, _patient, _time, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _service.Dispose();
        await _store.DisposeAsync();
    }

    public void Dispose()
    {
        _gateway.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Valid_batch_is_accepted_stored_and_handed_to_handlers()
    {
        var batch = _gateway.Next();
        var result = await IngestAsync(batch);
        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        Assert.Null(result.Reason);
        Assert.Equal(11, result.ObservationIds.Count);
        Assert.NotNull(await _store.GetBatchAsync(_gateway.Device, 0, CancellationToken.None));
        Assert.NotNull(await _store.ReadResourceAsync("Provenance", BatchFhirMapper.ProvenanceId(_gateway.Device, 0), CancellationToken.None));
        var handled = Assert.Single(_handler.Batches);
        Assert.Equal(_patient, handled.PatientId);
        Assert.Equal(1, _service.Statistics.Accepted);
    }

    [Fact]
    public async Task Batch_with_any_flipped_byte_is_rejected_with_a_reason()
    {
        var good = _gateway.Next();
        var bytes = good.Bytes.ToArray();
        var reasons = new Dictionary<IngestRejectReason, int>();
        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x01;
            var result = await _service.IngestAsync(copy, _time.GetUtcNow(), null, CancellationToken.None);
            Assert.True(result.Outcome == IngestOutcome.Rejected, $"byte {i}: {result}");
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
            reasons[result.Reason!.Value] = reasons.GetValueOrDefault(result.Reason!.Value) + 1;
        }

        // Flipping the device id gives an unknown device; header/sample damage is malformed or a bad signature.
        Assert.True(reasons.ContainsKey(IngestRejectReason.BadSignature));
        Assert.True(reasons.ContainsKey(IngestRejectReason.Malformed));
        Assert.True(reasons.ContainsKey(IngestRejectReason.UnknownDevice));
        Assert.Null(await _store.GetBatchAsync(_gateway.Device, 0, CancellationToken.None));

        Assert.Equal(IngestOutcome.Accepted, (await IngestAsync(good)).Outcome);
    }

    [Fact]
    public async Task Malformed_batch_names_the_field()
    {
        var result = await _service.IngestAsync(new byte[] { 0x53, 0x43, 0x02 }, _time.GetUtcNow(), null, CancellationToken.None);
        Assert.Equal(IngestRejectReason.Malformed, result.Reason);
        Assert.NotNull(result.FormatError);
        Assert.Contains(result.FormatError.Field, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redelivered_batch_is_an_idempotent_duplicate()
    {
        var batch = _gateway.Next();
        var first = await IngestAsync(batch);
        var again = await IngestAsync(batch);
        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        Assert.True(again.ShouldAcknowledge);
        Assert.Equal(first.ObservationIds, again.ObservationIds);
        Assert.Single(_handler.Batches);
        var hr = await _store.SearchObservationsAsync(new(_patient, ["8867-4"]), CancellationToken.None);
        Assert.Equal(1, hr.Total);
    }

    [Fact]
    public async Task Replayed_sequence_with_other_content_is_rejected_as_replay()
    {
        var original = _gateway.Next();
        await IngestAsync(original);
        var replay = _gateway.Sign(0, BatchHash.Zero, TestGateway.FullKit(42));
        var result = await IngestAsync(replay);
        Assert.Equal(IngestRejectReason.Replay, result.Reason);
        Assert.Contains("sequence 0", result.Message, StringComparison.Ordinal);
        Assert.Equal(original.Hash, (await _store.GetBatchAsync(_gateway.Device, 0, CancellationToken.None))!.Hash);
    }

    [Fact]
    public async Task Batch_linking_to_the_wrong_predecessor_is_rejected_as_fork()
    {
        await IngestAsync(_gateway.Next());
        var fork = _gateway.Sign(1, BatchHash.Compute([1, 2, 3]), TestGateway.FullKit(1));
        var result = await IngestAsync(fork);
        Assert.Equal(IngestRejectReason.Fork, result.Reason);
        Assert.Contains("previousHash", result.Message, StringComparison.Ordinal);
        Assert.Null(await _store.GetBatchAsync(_gateway.Device, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Late_batch_that_does_not_match_its_stored_successor_is_rejected_as_fork()
    {
        var b0 = _gateway.Next();
        _gateway.Next();
        var b2 = _gateway.Next();
        await IngestAsync(b0);
        await IngestAsync(b2);
        var wrongFill = _gateway.Sign(1, b0.Hash, TestGateway.FullKit(99));
        var result = await IngestAsync(wrongFill);
        Assert.Equal(IngestRejectReason.Fork, result.Reason);
    }

    [Fact]
    public async Task Batch_signed_by_an_unknown_key_is_rejected_as_unknown_device()
    {
        using var stranger = new TestGateway();
        var result = await IngestAsync(stranger.Next());
        Assert.Equal(IngestRejectReason.UnknownDevice, result.Reason);
        Assert.Contains(stranger.Device.ToString(), result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_claiming_an_enrolled_device_but_signed_by_another_key_is_a_bad_signature()
    {
        using var thief = DeviceKey.Create();
        var batch = new SensorBatch(_gateway.Device, 0, BatchHash.Zero, _gateway.StartUnixMs, 1000, new byte[16], TestGateway.FullKit(0));
        var body = BatchCodec.EncodeBody(batch);
        var signature = new byte[64];
        thief.Sign(body, signature);
        var result = await _service.IngestAsync(body.Concat(signature).ToArray(), _time.GetUtcNow(), null, CancellationToken.None);
        Assert.Equal(IngestRejectReason.BadSignature, result.Reason);
    }

    [Fact]
    public async Task Gaps_are_recorded_then_filled_by_late_batches()
    {
        var batches = Enumerable.Range(0, 4).Select(_ => _gateway.Next()).ToList();
        await IngestAsync(batches[0]);
        var jump = await IngestAsync(batches[3]);
        Assert.Equal(IngestOutcome.Accepted, jump.Outcome);
        Assert.Equal(2, jump.MissingBefore);
        Assert.Equal([1UL, 2UL], await _store.GetMissingSequencesAsync(_gateway.Device, 10, CancellationToken.None));
        Assert.Equal(1, _service.Statistics.GapsOpened);

        Assert.Equal(IngestOutcome.Accepted, (await IngestAsync(batches[2])).Outcome);
        var last = await IngestAsync(batches[1]);
        Assert.Equal(IngestOutcome.Accepted, last.Outcome);
        Assert.Equal(0, last.MissingBefore);
        Assert.Empty(await _store.GetMissingSequencesAsync(_gateway.Device, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Nothing_accepted_is_lost_after_rejections()
    {
        var accepted = new List<SignedBatch>();
        for (var i = 0; i < 3; i++)
        {
            var b = _gateway.Next();
            accepted.Add(b);
            await IngestAsync(b);
        }

        using var stranger = new TestGateway();
        await IngestAsync(stranger.Next());
        await IngestAsync(_gateway.Sign(1, accepted[0].Hash, TestGateway.FullKit(5)));
        await IngestAsync(_gateway.Sign(3, BatchHash.Compute([9]), TestGateway.FullKit(3)));
        var flipped = accepted[2].Bytes.ToArray();
        flipped[^1] ^= 0x80;
        await _service.IngestAsync(flipped, _time.GetUtcNow(), null, CancellationToken.None);

        Assert.Equal(4, _service.Statistics.RejectedTotal);
        foreach (var b in accepted)
        {
            Assert.Equal(b.Hash, (await _store.GetBatchAsync(_gateway.Device, b.Sequence, CancellationToken.None))!.Hash);
        }

        Assert.Equal(3, (await _store.SearchObservationsAsync(new(_patient, ["8867-4"]), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Batch_from_the_far_future_is_rejected_for_clock_skew()
    {
        var future = _gateway.Sign(0, BatchHash.Zero, TestGateway.FullKit(0), _time.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds());
        var result = await IngestAsync(future);
        Assert.Equal(IngestRejectReason.ClockSkew, result.Reason);
        Assert.Contains("startUnixMs", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_on_another_devices_topic_is_rejected()
    {
        var result = await _service.IngestAsync(new ReceivedBatch(Topics.Batches(new string('a', 32)), _gateway.Next().Bytes, _time.GetUtcNow()), CancellationToken.None);
        Assert.Equal(IngestRejectReason.TopicMismatch, result.Reason);
    }

    [Fact]
    public async Task Failing_handler_is_counted_and_does_not_unaccept()
    {
        var service = new IngestService(_store, [new ThrowingHandler(), _handler], _time);
        var result = await service.IngestAsync(_gateway.Next().Bytes, _time.GetUtcNow(), null, CancellationToken.None);
        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        Assert.Equal(1, service.Statistics.HandlerFailures);
        Assert.Single(_handler.Batches);
        service.Dispose();
    }

    [Fact]
    public async Task Concurrent_ingests_of_one_device_keep_the_chain_whole()
    {
        var batches = Enumerable.Range(0, 20).Select(_ => _gateway.Next()).ToList();
        var results = await Task.WhenAll(batches.Concat(batches).Select(b => Task.Run(() => IngestAsync(b))));
        Assert.Equal(20, results.Count(r => r.Outcome == IngestOutcome.Accepted));
        Assert.Equal(20, results.Count(r => r.Outcome == IngestOutcome.Duplicate));
        var head = await _store.GetChainHeadAsync(_gateway.Device, CancellationToken.None);
        Assert.Equal(19UL, head!.Sequence);
        Assert.Equal(0, head.MissingCount);
    }

    private Task<IngestResult> IngestAsync(SignedBatch batch) =>
        _service.IngestAsync(new ReceivedBatch(Topics.Batches(batch.Device.ToString()), batch.Bytes.ToArray(), _time.GetUtcNow()), CancellationToken.None);

    private sealed class RecordingHandler : IAcceptedBatchHandler
    {
        public List<AcceptedBatch> Batches { get; } = [];

        public string Name => "recording";

        public ValueTask HandleAsync(AcceptedBatch batch, CancellationToken cancellationToken)
        {
            lock (Batches)
            {
                Batches.Add(batch);
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingHandler : IAcceptedBatchHandler
    {
        public string Name => "throwing";

        public ValueTask HandleAsync(AcceptedBatch batch, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }
}
