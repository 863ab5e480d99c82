using SensorChain.Cloud.Tests.Support;
using SensorChain.Fhir;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Cloud.Tests.Mapping;

public sealed class BatchFhirMapperTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 1, 0, 1, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("hr", "http://loinc.org", "8867-4", "/min", "vital-signs")]
    [InlineData("spo2", "http://loinc.org", "2708-6", "%", "vital-signs")]
    [InlineData("temp", "http://loinc.org", "8310-5", "Cel", "vital-signs")]
    [InlineData("rr", "http://loinc.org", "9279-1", "/min", "vital-signs")]
    [InlineData("glu", "http://loinc.org", "2339-0", "mg/dL", "laboratory")]
    [InlineData("gsr", "urn:sensorchain:sensor-kind", "gsr", "uS", "procedure")]
    public void Numeric_channels_map_to_the_right_code_unit_and_category(string slug, string system, string code, string unit, string category)
    {
        var observation = MapFullKit().Single(o => o.Id!.EndsWith("-" + slug, StringComparison.Ordinal));
        Assert.True(observation.Code.Has(system, code));
        Assert.Equal(unit, observation.ValueQuantity!.Code);
        Assert.Equal(Quantity.UcumSystem, observation.ValueQuantity.System);
        Assert.True(observation.Category![0].Has(FhirSystems.ObservationCategory, category));
        Assert.Equal("final", observation.Status);
        Assert.StartsWith("Patient/", observation.Subject!.Reference, StringComparison.Ordinal);
        Assert.StartsWith("Device/", observation.Device!.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public void SpO2_carries_both_loinc_codes()
    {
        var spo2 = MapFullKit().Single(o => o.Id!.EndsWith("-spo2", StringComparison.Ordinal));
        Assert.True(spo2.Code.Has(FhirSystems.Loinc, "2708-6"));
        Assert.True(spo2.Code.Has(FhirSystems.Loinc, "59408-5"));
    }

    [Fact]
    public void Several_samples_become_their_mean_over_the_window()
    {
        var observation = Map([ChannelBlock.FromValues(SensorKind.Gsr, 4, [2.0, 2.2, 2.4, 2.6])]).Single();
        Assert.Equal(2.3m, observation.ValueQuantity!.Value);
        Assert.NotNull(observation.EffectivePeriod);
        Assert.Equal(TimeSpan.FromSeconds(1), observation.EffectivePeriod.End - observation.EffectivePeriod.Start);
    }

    [Fact]
    public void Blood_pressure_is_one_panel_with_components()
    {
        var bp = MapFullKit().Single(o => o.Id!.EndsWith("-bp", StringComparison.Ordinal));
        Assert.True(bp.Code.Has(FhirSystems.Loinc, "85354-9"));
        Assert.False(bp.HasValue);
        Assert.Equal(121m, bp.Component!.Single(c => c.Code.Has(FhirSystems.Loinc, "8480-6")).ValueQuantity!.Value);
        Assert.Equal(79m, bp.Component!.Single(c => c.Code.Has(FhirSystems.Loinc, "8462-4")).ValueQuantity!.Value);
        Assert.Equal(93m, bp.Component!.Single(c => c.Code.Has(FhirSystems.Loinc, "8478-0")).ValueQuantity!.Value);
        Assert.All(bp.Component!, c => Assert.Equal("mm[Hg]", c.ValueQuantity!.Code));
        Assert.NotNull(bp.EffectiveDateTime);
    }

    [Fact]
    public void Waveforms_become_sampled_data()
    {
        var ecg = MapFullKit().Single(o => o.Id!.EndsWith("-ecg", StringComparison.Ordinal));
        Assert.True(ecg.Code.Has(FhirSystems.Mdc, "131328"));
        var data = ecg.ValueSampledData!;
        Assert.Equal(4m, data.Period);
        Assert.Equal(0.001m, data.Factor);
        Assert.Equal(1, data.Dimensions);
        Assert.Equal("mV", data.Origin.Code);
        Assert.Equal(250, data.Data!.Split(' ').Length);
        var emg = MapFullKit().Single(o => o.Id!.EndsWith("-emg", StringComparison.Ordinal));
        Assert.Equal(2m, emg.ValueSampledData!.Period);
        var ppg = MapFullKit().Single(o => o.Id!.EndsWith("-ppg", StringComparison.Ordinal));
        Assert.True(ppg.Code.Has(FhirSystems.Mdc, "150452"));
    }

    [Fact]
    public void Accelerometer_is_one_observation_with_three_sampled_components()
    {
        var acc = MapFullKit().Single(o => o.Id!.EndsWith("-acc", StringComparison.Ordinal));
        Assert.Equal(3, acc.Component!.Count);
        Assert.All(acc.Component, c => Assert.Equal("[g]", c.ValueSampledData!.Origin.Code));
        Assert.True(acc.Category![0].Has(FhirSystems.ObservationCategory, "activity"));
    }

    [Fact]
    public void Detached_or_lead_off_channels_have_a_data_absent_reason_and_no_value()
    {
        var observations = Map(
        [
            ChannelBlock.FromValues(SensorKind.SpO2, 1, [0], SignalQuality.Detached),
            ChannelBlock.FromValues(SensorKind.Ecg, 250, new double[250], SignalQuality.LeadOff),
        ]);
        Assert.All(observations, o =>
        {
            Assert.False(o.HasValue);
            Assert.True(o.DataAbsentReason!.Has(FhirSystems.DataAbsentReason, "error"));
            Assert.Equal("final", o.Status);
            Assert.Contains("Signal quality", o.Note![0].Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Ids_and_identifiers_are_stable_for_a_batch()
    {
        using var gateway = new TestGateway();
        var batch = gateway.Next();
        var a = BatchFhirMapper.Map(batch, "p", Received);
        var b = BatchFhirMapper.Map(batch, "p", Received.AddHours(1));
        Assert.Equal(a.Observations.Select(o => o.Id), b.Observations.Select(o => o.Id));
        var hr = a.Observations.Single(o => o.Id!.EndsWith("-hr", StringComparison.Ordinal));
        Assert.Equal($"{gateway.Device}/0/8867-4", hr.Identifier![0].Value);
        Assert.Equal(FhirSystems.BatchIdentifier, hr.Identifier[0].System);
        Assert.All(a.Observations, o => Assert.True(o.Id!.Length <= 64));
    }

    [Fact]
    public void Provenance_carries_signature_hash_and_targets()
    {
        using var gateway = new TestGateway();
        var signed = gateway.Next();
        var mapped = BatchFhirMapper.Map(signed, "p", Received);
        var provenance = mapped.Provenance;
        Assert.Equal(mapped.Observations.Count, provenance.Target.Count);
        Assert.Equal(Convert.ToBase64String(signed.Signature.Span), provenance.Signature![0].Data);
        Assert.Equal(FhirSystems.SignatureMediaType, provenance.Signature[0].SigFormat);
        Assert.Equal(signed.Hash.ToString(), provenance.Entity!.Single(e => e.Role == "source").What.Identifier!.Value);
        Assert.All(mapped.Observations, o => Assert.Equal($"Provenance/{provenance.Id}", o.Extension![0].ValueReference!.Reference));
    }

    [Fact]
    public void Observation_json_of_a_known_batch_is_what_render_version_1_promises()
    {
        // The SQLite store keeps a batch's Observations as references and renders them with this mapper on every read
        // (BatchObservationReference). If this fails, the JSON of every stored batch Observation would change under its
        // version: if the change is intended, bump BatchObservationReference.RenderVersion and keep rendering version 1
        // as before; then give this test the new digest for the new version.
        using var key = DeviceKey.FromPem(PinnedKeyPem);
        var batch = new SensorBatch(key.Id, 7, BatchHash.Compute([7]), 1_767_225_600_000, 1000, new byte[BatchFormat.SaltSize], TestGateway.FullKit(7));
        var observations = BatchFhirMapper.MapObservations(BatchCodec.Sign(batch, key), "p-pinned");

        var json = string.Join('\n', observations.Select(o => FhirRecords.From(o, Received).Json));
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal(1, BatchObservationReference.RenderVersion);
        Assert.Equal(11, observations.Count);
        Assert.Equal("1316355f420717f858a903810399dd93a8b5dcb86c51da347f2f339b7d3cd63e", digest);
    }

    private const string PinnedKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg6sGK4N2QRmH1G6jA
        0t5QB89YAK3M8cqs99HnzEXISx+hRANCAASwcO3oAn3d2m5n6GkpjLGxK0HN0UvC
        hpggkb+w1+vYPGxvKssP0g9ulSLHbqt+UGfd6N64hxRHs1Gu4wilIBX9
        -----END PRIVATE KEY-----
        """;

    private static List<Observation> MapFullKit() => Map(TestGateway.FullKit(0));

    private static List<Observation> Map(IReadOnlyList<ChannelBlock> channels)
    {
        using var gateway = new TestGateway();
        return [.. BatchFhirMapper.Map(gateway.Next(channels), "p", Received).Observations];
    }
}
