using SensorChain.Cloud.Tests.Support;
using SensorChain.Fhir;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Cloud.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IIngestStore"/> must show. Derive once per implementation and implement
/// <see cref="CreateStoreAsync"/> (a fresh, empty, initialised store per call).
/// </summary>
public abstract class IngestStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<TestGateway> _gateways = [];

    protected IIngestStore Store { get; private set; } = null!;

    /// <summary>A fresh, empty, initialised store.</summary>
    protected abstract Task<IIngestStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        foreach (var g in _gateways)
        {
            g.Dispose();
        }
    }

    [Fact]
    public async Task Initialize_twice_keeps_data()
    {
        var (gateway, _) = await EnrolledAsync();
        await Store.InitializeAsync(CancellationToken.None);
        Assert.NotNull(await Store.FindDeviceAsync(gateway.Device, CancellationToken.None));
    }

    [Fact]
    public async Task Enrolled_device_is_found_and_unknown_is_null()
    {
        var (gateway, patient) = await EnrolledAsync();
        var found = await Store.FindDeviceAsync(gateway.Device, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(patient, found.PatientId);
        Assert.Equal(gateway.Key.PublicKeySpki, found.PublicKeySpki);
        using var other = DeviceKey.Create();
        Assert.Null(await Store.FindDeviceAsync(other.Id, CancellationToken.None));
        Assert.Contains(await Store.ListDevicesAsync(CancellationToken.None), d => d.Device == gateway.Device);
    }

    [Fact]
    public async Task Stored_batch_round_trips_and_becomes_the_head()
    {
        var (gateway, patient) = await EnrolledAsync();
        var first = gateway.Next();
        Assert.Null(await Store.GetChainHeadAsync(gateway.Device, CancellationToken.None));
        Assert.Equal(BatchStoreOutcome.Stored, await StoreAsync(first, patient));

        var stored = await Store.GetBatchAsync(gateway.Device, 0, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(first.Hash, stored.Hash);
        Assert.Equal(first.Bytes.ToArray(), BatchCompression.Decompress(stored.CompressedBytes));
        var head = await Store.GetChainHeadAsync(gateway.Device, CancellationToken.None);
        Assert.Equal(0UL, head!.Sequence);
        Assert.Equal(first.Hash, head.Hash);
        Assert.Equal(0, head.MissingCount);
    }

    [Fact]
    public async Task Redelivered_batch_is_already_stored_and_changes_nothing()
    {
        var (gateway, patient) = await EnrolledAsync();
        var batch = gateway.Next();
        await StoreAsync(batch, patient);
        var before = await Store.ReadResourceAsync("Provenance", BatchFhirMapper.ProvenanceId(gateway.Device, 0), CancellationToken.None);
        Assert.Equal(BatchStoreOutcome.AlreadyStored, await StoreAsync(batch, patient, T0.AddHours(1)));
        var after = await Store.ReadResourceAsync("Provenance", BatchFhirMapper.ProvenanceId(gateway.Device, 0), CancellationToken.None);
        Assert.Equal(before, after);
        Assert.Equal(1, (await Store.SearchObservationsAsync(new ObservationQuery(patient, ["http://loinc.org|8867-4"]), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Different_batch_with_a_stored_sequence_is_a_conflict_and_keeps_the_original()
    {
        var (gateway, patient) = await EnrolledAsync();
        var original = gateway.Next();
        await StoreAsync(original, patient);
        var impostor = gateway.Sign(0, BatchHash.Zero, TestGateway.FullKit(7));
        Assert.Equal(BatchStoreOutcome.Conflict, await StoreAsync(impostor, patient));
        Assert.Equal(original.Hash, (await Store.GetBatchAsync(gateway.Device, 0, CancellationToken.None))!.Hash);
        Assert.Equal(original.Hash, (await Store.GetChainHeadAsync(gateway.Device, CancellationToken.None))!.Hash);
    }

    [Fact]
    public async Task Gaps_are_reported_until_filled()
    {
        var (gateway, patient) = await EnrolledAsync();
        var batches = Enumerable.Range(0, 6).Select(_ => gateway.Next()).ToList();
        foreach (var i in new[] { 0, 3, 5 })
        {
            await StoreAsync(batches[i], patient);
        }

        Assert.Equal([1UL, 2UL, 4UL], await Store.GetMissingSequencesAsync(gateway.Device, 10, CancellationToken.None));
        Assert.Equal([1UL, 2UL], await Store.GetMissingSequencesAsync(gateway.Device, 2, CancellationToken.None));
        var head = await Store.GetChainHeadAsync(gateway.Device, CancellationToken.None);
        Assert.Equal(5UL, head!.Sequence);
        Assert.Equal(batches[5].Hash, head.Hash);
        Assert.Equal(3, head.MissingCount);

        foreach (var i in new[] { 4, 1, 2 })
        {
            await StoreAsync(batches[i], patient);
        }

        Assert.Empty(await Store.GetMissingSequencesAsync(gateway.Device, 10, CancellationToken.None));
        head = await Store.GetChainHeadAsync(gateway.Device, CancellationToken.None);
        Assert.Equal(5UL, head!.Sequence);
        Assert.Equal(batches[5].Hash, head.Hash);
        Assert.Equal(0, head.MissingCount);
    }

    [Fact]
    public async Task Missing_first_batches_count_as_a_gap()
    {
        var (gateway, patient) = await EnrolledAsync();
        gateway.Next();
        gateway.Next();
        await StoreAsync(gateway.Next(), patient);
        Assert.Equal([0UL, 1UL], await Store.GetMissingSequencesAsync(gateway.Device, 10, CancellationToken.None));
        Assert.Equal(2, (await Store.GetChainHeadAsync(gateway.Device, CancellationToken.None))!.MissingCount);
    }

    [Fact]
    public async Task Resources_stored_with_a_batch_are_version_1_with_the_given_time()
    {
        var (gateway, patient) = await EnrolledAsync();
        var batch = gateway.Next();
        await StoreAsync(batch, patient);
        var id = BatchFhirMapper.ObservationId(gateway.Device, 0, SensorCodes.HeartRate);
        var record = await Store.ReadResourceAsync("Observation", id, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal(1, record.VersionId);
        Assert.Equal(T0, record.LastUpdated);
        var observation = Assert.IsType<Observation>(FhirRecords.ToResource(record));
        Assert.Equal("1", observation.Meta!.VersionId);
        Assert.Equal(72m, observation.ValueQuantity!.Value);
        Assert.Null(await Store.ReadResourceAsync("Observation", "no-such-id", CancellationToken.None));
        Assert.Null(await Store.ReadResourceAsync("Patient", id, CancellationToken.None));
    }

    [Fact]
    public async Task Batch_observations_read_searched_and_exported_are_the_json_the_mapper_writes()
    {
        var ct = CancellationToken.None;
        var (gateway, patient) = await EnrolledAsync();
        var first = gateway.Next();
        var second = gateway.Next();
        await StoreAsync(first, patient);
        await StoreAsync(second, patient, T0.AddSeconds(1));
        var expected = new[] { first, second }.SelectMany(b => BatchFhirMapper.MapObservations(b, patient))
            .ToDictionary(o => o.Id!, o => FhirRecords.From(o, T0).Json);

        foreach (var (id, json) in expected)
        {
            Assert.Equal(json, (await Store.ReadResourceAsync("Observation", id, ct))!.Json);
            Assert.Equal(json, (await Store.ReadResourceVersionAsync("Observation", id, 1, ct))!.Json);
        }

        var page = await Store.SearchObservationsAsync(new ObservationQuery(patient, Count: 100), ct);
        Assert.Equal(expected.Count, page.Items.Count);
        Assert.All(page.Items, r => Assert.Equal(expected[r.Id], r.Json));
        var exported = await ToListAsync(Store.ExportAsync("Observation", null, ct));
        Assert.Equal(expected.Count, exported.Count(r => expected.ContainsKey(r.Id)));
        Assert.All(exported.Where(r => expected.ContainsKey(r.Id)), r => Assert.Equal(expected[r.Id], r.Json));
    }

    [Fact]
    public async Task A_batch_observation_written_again_unchanged_keeps_its_version_and_a_change_makes_version_2()
    {
        var ct = CancellationToken.None;
        var (gateway, patient) = await EnrolledAsync();
        await StoreAsync(gateway.Next(), patient);
        var id = BatchFhirMapper.ObservationId(gateway.Device, 0, SensorCodes.HeartRate);
        var stored = await Store.ReadResourceAsync("Observation", id, ct);

        var same = await Store.UpsertResourceAsync(stored! with { LastUpdated = T0.AddMinutes(5), Search = FhirRecords.SearchColumns((Observation)FhirRecords.ToResource(stored)) }, ct);
        Assert.Equal((1, T0), (same.VersionId, same.LastUpdated));

        var amended = (Observation)FhirRecords.ToResource(stored) with { Status = "amended" };
        Assert.Equal(2, (await Store.UpsertResourceAsync(FhirRecords.From(amended, T0.AddMinutes(6)), ct)).VersionId);
        Assert.Equal(stored.Json, (await Store.ReadResourceVersionAsync("Observation", id, 1, ct))!.Json);
        Assert.Equal("amended", ((Observation)FhirRecords.ToResource((await Store.ReadResourceAsync("Observation", id, ct))!)).Status);
    }

    [Fact]
    public async Task Several_resources_are_read_at_once_in_the_order_asked_leaving_out_unknown_ids()
    {
        var ct = CancellationToken.None;
        var (gateway, patient) = await EnrolledAsync();
        await StoreAsync(gateway.Next(), patient);
        var hr = BatchFhirMapper.ObservationId(gateway.Device, 0, SensorCodes.HeartRate);
        var spo2 = BatchFhirMapper.ObservationId(gateway.Device, 0, SensorCodes.SpO2);

        var found = await Store.ReadResourcesAsync("Observation", [spo2, "no-such-id", hr], ct);

        Assert.Equal([spo2, hr], found.Select(r => r.Id));
        Assert.Equal((await Store.ReadResourceAsync("Observation", hr, ct))!.Json, found[1].Json);
        Assert.Empty(await Store.ReadResourcesAsync("Patient", [hr], ct));
    }

    [Fact]
    public async Task Upsert_makes_a_new_version_only_when_the_json_changes()
    {
        var patient = new Patient { Id = "p-upsert", Active = true };
        var v1 = await Store.UpsertResourceAsync(FhirRecords.From(patient, T0), CancellationToken.None);
        Assert.Equal(1, v1.VersionId);
        var same = await Store.UpsertResourceAsync(FhirRecords.From(patient, T0.AddMinutes(1)), CancellationToken.None);
        Assert.Equal(1, same.VersionId);
        Assert.Equal(T0, same.LastUpdated);
        var v2 = await Store.UpsertResourceAsync(FhirRecords.From(patient with { Active = false }, T0.AddMinutes(2)), CancellationToken.None);
        Assert.Equal(2, v2.VersionId);
        Assert.Equal(T0.AddMinutes(2), v2.LastUpdated);

        var current = await Store.ReadResourceAsync("Patient", "p-upsert", CancellationToken.None);
        Assert.Equal(2, current!.VersionId);
        Assert.False(Assert.IsType<Patient>(FhirRecords.ToResource(current)).Active);
        var old = await Store.ReadResourceVersionAsync("Patient", "p-upsert", 1, CancellationToken.None);
        Assert.True(Assert.IsType<Patient>(FhirRecords.ToResource(old!)).Active);
        Assert.Null(await Store.ReadResourceVersionAsync("Patient", "p-upsert", 3, CancellationToken.None));
    }

    [Fact]
    public async Task Search_filters_by_patient_code_category_and_date()
    {
        var (a, patientA) = await EnrolledAsync();
        var (b, patientB) = await EnrolledAsync();
        for (var i = 0; i < 5; i++)
        {
            await StoreAsync(a.Next(), patientA);
        }

        await StoreAsync(b.Next(), patientB);
        var ct = CancellationToken.None;

        var hrA = await Store.SearchObservationsAsync(new ObservationQuery(patientA, ["http://loinc.org|8867-4"]), ct);
        Assert.Equal(5, hrA.Total);
        Assert.All(hrA.Items, r => Assert.Contains("8867-4", r.Json, StringComparison.Ordinal));

        var bare = await Store.SearchObservationsAsync(new ObservationQuery(patientA, ["8867-4"]), ct);
        Assert.Equal(5, bare.Total);
        var wrongSystem = await Store.SearchObservationsAsync(new ObservationQuery(patientA, ["http://snomed.info/sct|8867-4"]), ct);
        Assert.Equal(0, wrongSystem.Total);
        var either = await Store.SearchObservationsAsync(new ObservationQuery(patientA, ["http://loinc.org|8867-4", "http://loinc.org|9279-1"]), ct);
        Assert.Equal(10, either.Total);

        var vitals = await Store.SearchObservationsAsync(new ObservationQuery(patientB, Categories: ["http://terminology.hl7.org/CodeSystem/observation-category|vital-signs"]), ct);
        Assert.Equal(5, vitals.Total); // HR, SpO2, temperature, BP panel, respiration
        var lab = await Store.SearchObservationsAsync(new ObservationQuery(patientB, Categories: ["laboratory"]), ct);
        Assert.Single(lab.Items);

        var start = DateTimeOffset.FromUnixTimeMilliseconds(a.StartUnixMs);
        // ECG windows are periods [i s, i+1 s], i = 0..4.
        var fromSecond2 = await Store.SearchObservationsAsync(new ObservationQuery(patientA, ["131328"], EffectiveFrom: start.AddSeconds(2)), ct);
        Assert.Equal(4, fromSecond2.Total); // windows ending at or after 2 s
        var after2 = await Store.SearchObservationsAsync(new ObservationQuery(patientA, ["131328"], EffectiveFrom: start.AddSeconds(2), FromInclusive: false), ct);
        Assert.Equal(3, after2.Total);
        var upTo2 = await Store.SearchObservationsAsync(new ObservationQuery(patientA, ["131328"], EffectiveTo: start.AddSeconds(2)), ct);
        Assert.Equal(3, upTo2.Total);
        var before2 = await Store.SearchObservationsAsync(new ObservationQuery(patientA, ["131328"], EffectiveTo: start.AddSeconds(2), ToInclusive: false), ct);
        Assert.Equal(2, before2.Total);

        // Heart rate (one sample per window) is a point in time at i s.
        var hrFrom2 = await Store.SearchObservationsAsync(new ObservationQuery(patientA, ["8867-4"], EffectiveFrom: start.AddSeconds(2)), ct);
        Assert.Equal(3, hrFrom2.Total);

        Assert.Equal(0, (await Store.SearchObservationsAsync(new ObservationQuery("nobody"), ct)).Total);
    }

    [Fact]
    public async Task An_updated_observation_is_found_by_its_new_values_only()
    {
        var ct = CancellationToken.None;
        Observation Reading(string code, DateTimeOffset at) => new()
        {
            Id = "obs-updated",
            Status = "final",
            Code = new CodeableConcept { Coding = [new Coding { System = "http://loinc.org", Code = code }] },
            Subject = new ResourceReference("Patient/p-updated"),
            EffectiveDateTime = at,
            Identifier = [new Identifier("urn:test", "updated-" + code)],
        };

        await Store.UpsertResourceAsync(FhirRecords.From(Reading("8867-4", T0), T0), ct);
        var v2 = await Store.UpsertResourceAsync(FhirRecords.From(Reading("59408-5", T0.AddHours(5)), T0.AddMinutes(1)), ct);
        Assert.Equal(2, v2.VersionId);

        async Task<long> CountAsync(ObservationQuery query) => (await Store.SearchObservationsAsync(query, ct)).Total;
        Assert.Equal(0, await CountAsync(new ObservationQuery("p-updated", ["8867-4"])));
        Assert.Equal(1, await CountAsync(new ObservationQuery("p-updated", ["59408-5"])));
        Assert.Equal(1, await CountAsync(new ObservationQuery("p-updated")));
        Assert.Equal(0, await CountAsync(new ObservationQuery("p-updated", EffectiveTo: T0.AddHours(1))));
        Assert.Equal(1, await CountAsync(new ObservationQuery(EffectiveFrom: T0.AddHours(4), Codes: ["59408-5"])));

        // The old version's identifier is free again, and the current one's is taken.
        await Store.UpsertResourceAsync(FhirRecords.From(Reading("8867-4", T0) with { Id = "obs-other" }, T0), ct);
        Assert.Equal(2, await CountAsync(new ObservationQuery("p-updated")));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.UpsertResourceAsync(FhirRecords.From(Reading("59408-5", T0) with { Id = "obs-third" }, T0), ct));
        Assert.Equal(2, await CountAsync(new ObservationQuery("p-updated")));
    }

    [Fact]
    public async Task Search_pages_and_sorts_by_date()
    {
        var (gateway, patient) = await EnrolledAsync();
        for (var i = 0; i < 7; i++)
        {
            await StoreAsync(gateway.Next(), patient);
        }

        var ct = CancellationToken.None;
        var ascending = await Store.SearchObservationsAsync(new ObservationQuery(patient, ["8867-4"], Count: 3), ct);
        Assert.Equal(7, ascending.Total);
        Assert.Equal(3, ascending.Items.Count);
        Assert.EndsWith("-0-hr", ascending.Items[0].Id, StringComparison.Ordinal);
        var page3 = await Store.SearchObservationsAsync(new ObservationQuery(patient, ["8867-4"], Count: 3, Offset: 6), ct);
        Assert.Single(page3.Items);
        Assert.EndsWith("-6-hr", page3.Items[0].Id, StringComparison.Ordinal);
        var descending = await Store.SearchObservationsAsync(new ObservationQuery(patient, ["8867-4"], DescendingByDate: true, Count: 2), ct);
        Assert.EndsWith("-6-hr", descending.Items[0].Id, StringComparison.Ordinal);
        Assert.EndsWith("-5-hr", descending.Items[1].Id, StringComparison.Ordinal);
        var countOnly = await Store.SearchObservationsAsync(new ObservationQuery(patient, ["8867-4"], Count: 0), ct);
        Assert.Equal(7, countOnly.Total);
        Assert.Empty(countOnly.Items);
    }

    [Fact]
    public async Task Search_filters_by_last_updated()
    {
        var (gateway, patient) = await EnrolledAsync();
        await StoreAsync(gateway.Next(), patient, T0);
        await StoreAsync(gateway.Next(), patient, T0.AddHours(1));
        var ct = CancellationToken.None;
        var recent = await Store.SearchObservationsAsync(new ObservationQuery(patient, ["8867-4"], LastUpdatedFrom: T0.AddMinutes(30)), ct);
        Assert.Single(recent.Items);
        Assert.EndsWith("-1-hr", recent.Items[0].Id, StringComparison.Ordinal);
        var early = await Store.SearchObservationsAsync(new ObservationQuery(patient, ["8867-4"], LastUpdatedTo: T0), ct);
        Assert.Single(early.Items);
        Assert.EndsWith("-0-hr", early.Items[0].Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_returns_current_versions_filtered_by_type_and_time()
    {
        var (gateway, patient) = await EnrolledAsync();
        await StoreAsync(gateway.Next(), patient, T0);
        await Store.UpsertResourceAsync(FhirRecords.From(new Patient { Id = patient, Active = true }, T0), CancellationToken.None);
        await Store.UpsertResourceAsync(FhirRecords.From(new Patient { Id = patient, Active = false }, T0.AddHours(2)), CancellationToken.None);

        var all = await ToListAsync(Store.ExportAsync(null, null, CancellationToken.None));
        Assert.Single(all, r => r.ResourceType == "Patient");
        Assert.Equal(2, all.Single(r => r.ResourceType == "Patient").VersionId);
        Assert.Equal(11, all.Count(r => r.ResourceType == "Observation")); // 15 channels: BP and accelerometer are grouped
        Assert.Single(all, r => r.ResourceType == "Provenance");
        Assert.Equal(all.Select(r => (r.ResourceType, r.Id)).Distinct().Count(), all.Count);

        var observations = await ToListAsync(Store.ExportAsync("Observation", null, CancellationToken.None));
        Assert.All(observations, r => Assert.Equal("Observation", r.ResourceType));
        var since = await ToListAsync(Store.ExportAsync(null, T0.AddHours(1), CancellationToken.None));
        Assert.Single(since);
        Assert.Equal("Patient", since[0].ResourceType);
    }

    [Fact]
    public async Task Concurrent_stores_of_one_sequence_store_it_once()
    {
        var (gateway, patient) = await EnrolledAsync();
        var batch = gateway.Next();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => StoreAsync(batch, patient))));
        Assert.Single(outcomes, o => o == BatchStoreOutcome.Stored);
        Assert.All(outcomes.Where(o => o != BatchStoreOutcome.Stored), o => Assert.Equal(BatchStoreOutcome.AlreadyStored, o));
        Assert.Equal(0, (await Store.GetChainHeadAsync(gateway.Device, CancellationToken.None))!.MissingCount);
    }

    [Fact]
    public async Task Ingest_context_reads_the_enrolment_the_neighbours_and_the_head_at_once()
    {
        var (gateway, patient) = await EnrolledAsync();
        var batches = Enumerable.Range(0, 4).Select(_ => gateway.Next()).ToList();
        foreach (var i in new[] { 0, 1, 3 })
        {
            await StoreAsync(batches[i], patient);
        }

        var ct = CancellationToken.None;
        var gap = await Store.GetIngestContextAsync(gateway.Device, 2, ct);
        Assert.Equal(patient, gap.Enrollment!.PatientId);
        Assert.Null(gap.Existing);
        Assert.Equal(new BatchLink(1, batches[1].Hash, batches[0].Hash), gap.Previous);
        Assert.Equal(new BatchLink(3, batches[3].Hash, batches[2].Hash), gap.Next);
        Assert.Equal(3ul, gap.Head!.Sequence);
        Assert.Equal(1, gap.Head.MissingCount);

        var first = await Store.GetIngestContextAsync(gateway.Device, 0, ct);
        Assert.Equal(batches[0].Hash, first.Existing!.Value.Hash);
        Assert.Null(first.Previous);
        Assert.Equal(1ul, first.Next!.Value.Sequence);

        using var stranger = new TestGateway();
        var unknown = await Store.GetIngestContextAsync(stranger.Device, 0, ct);
        Assert.Null(unknown.Enrollment);
        Assert.Null(unknown.Head);

        var (fresh, _) = await EnrolledAsync();
        var empty = await Store.GetIngestContextAsync(fresh.Device, 0, ct);
        Assert.NotNull(empty.Enrollment);
        Assert.Null(empty.Head);
        Assert.Null(empty.Existing);
    }

    [Fact]
    public async Task Observation_whose_identifier_another_has_is_left_out_and_its_batch_is_stored()
    {
        var (gateway, patient) = await EnrolledAsync();
        var ct = CancellationToken.None;
        Observation Tagged(string id) => new()
        {
            Id = id,
            Status = "final",
            Code = new CodeableConcept { Coding = [new Coding { System = "http://loinc.org", Code = "8867-4" }] },
            Subject = new ResourceReference("Patient/" + patient),
            EffectiveDateTime = T0,
            Identifier = [new Identifier("urn:test", "same")],
        };

        for (var sequence = 0; sequence < 2; sequence++)
        {
            var signed = gateway.Next();
            var stored = new StoredBatch(signed.Device, signed.Sequence, signed.Hash, signed.Batch.PreviousHash, signed.Batch.StartUnixMs, T0,
                BatchCompression.Compress(signed.Bytes.Span));
            Assert.Equal(BatchStoreOutcome.Stored, await Store.StoreBatchAsync(stored, [FhirRecords.From(Tagged("dup-" + sequence), T0)], ct));
        }

        Assert.NotNull(await Store.ReadResourceAsync("Observation", "dup-0", ct));
        Assert.Null(await Store.ReadResourceAsync("Observation", "dup-1", ct));
        Assert.Equal(1, (await Store.SearchObservationsAsync(new ObservationQuery(patient), ct)).Total);
        Assert.Equal(0, (await Store.GetChainHeadAsync(gateway.Device, ct))!.MissingCount);
        Assert.Equal(1ul, (await Store.GetChainHeadAsync(gateway.Device, ct))!.Sequence);
    }

    [Fact]
    public async Task A_batch_observation_and_another_observation_never_share_its_identifier()
    {
        var (gateway, patient) = await EnrolledAsync();
        var ct = CancellationToken.None;
        Observation Claiming(string id, ulong sequence) => new()
        {
            Id = id,
            Status = "final",
            Code = new CodeableConcept { Coding = [new Coding { System = "http://loinc.org", Code = "8867-4" }] },
            Subject = new ResourceReference("Patient/" + patient),
            EffectiveDateTime = T0,
            Identifier = [new Identifier(FhirSystems.BatchIdentifier, BatchFhirMapper.IdentifierValue(gateway.Device, sequence, SensorCodes.HeartRate))],
        };

        // A stored batch's heart rate keeps its identifier: another Observation cannot take it.
        Assert.Equal(BatchStoreOutcome.Stored, await StoreAsync(gateway.Next(), patient));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.UpsertResourceAsync(FhirRecords.From(Claiming("claims-0", 0), T0), ct));
        Assert.Null(await Store.ReadResourceAsync("Observation", "claims-0", ct));

        // An Observation that took the next batch's identifier first keeps it: that batch is stored without its heart rate.
        Assert.Equal(1, (await Store.UpsertResourceAsync(FhirRecords.From(Claiming("claims-1", 1), T0), ct)).VersionId);
        Assert.Equal(BatchStoreOutcome.Stored, await StoreAsync(gateway.Next(), patient));
        Assert.Null(await Store.ReadResourceAsync("Observation", BatchFhirMapper.ObservationId(gateway.Device, 1, SensorCodes.HeartRate), ct));
        Assert.NotNull(await Store.ReadResourceAsync("Observation", BatchFhirMapper.ObservationId(gateway.Device, 1, SensorCodes.SpO2), ct));
        Assert.Equal(2, (await Store.SearchObservationsAsync(new ObservationQuery(patient, ["8867-4"]), ct)).Total); // batch 0's and claims-1
        Assert.NotNull(await Store.ReadResourceAsync("Observation", "claims-1", ct));

        // A new version of a batch Observation keeps its own identifier.
        var hr0 = await Store.ReadResourceAsync("Observation", BatchFhirMapper.ObservationId(gateway.Device, 0, SensorCodes.HeartRate), ct);
        var amended = (Observation)FhirRecords.ToResource(hr0!) with { Status = "amended" };
        Assert.Equal(2, (await Store.UpsertResourceAsync(FhirRecords.From(amended, T0.AddMinutes(1)), ct)).VersionId);
        await Assert.ThrowsAnyAsync<Exception>(() => Store.UpsertResourceAsync(FhirRecords.From(Claiming("claims-0b", 0), T0), ct));
    }

    protected async Task<(TestGateway Gateway, string PatientId)> EnrolledAsync()
    {
        var gateway = new TestGateway();
        _gateways.Add(gateway);
        var patient = "p" + Guid.NewGuid().ToString("N")[..12];
        await Store.EnrollDeviceAsync(new DeviceEnrollment(gateway.Device, gateway.Key.PublicKeySpki, patient, T0), CancellationToken.None);
        return (gateway, patient);
    }

    protected Task<BatchStoreOutcome> StoreAsync(SignedBatch signed, string patient, DateTimeOffset? at = null)
    {
        var now = at ?? T0;
        var mapped = BatchFhirMapper.Map(signed, patient, now);
        var records = FhirRecords.ForBatch(mapped.Observations, mapped.Provenance,
            Store.KeepsBatchObservationsAsReferences ? new BatchObservationReference(signed.Device, signed.Sequence, patient) : null, now);
        var stored = new StoredBatch(signed.Device, signed.Sequence, signed.Hash, signed.Batch.PreviousHash, signed.Batch.StartUnixMs, now,
            BatchCompression.Compress(signed.Bytes.Span));
        return Store.StoreBatchAsync(stored, records, CancellationToken.None);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
