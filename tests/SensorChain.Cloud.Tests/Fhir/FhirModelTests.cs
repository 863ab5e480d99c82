using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using SensorChain.Cloud.Tests.Support;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.Ingest.Mapping;

namespace SensorChain.Cloud.Tests.Fhir;

public sealed class FhirModelTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 8, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public void Every_mapped_resource_round_trips_unchanged()
    {
        using var gateway = new TestGateway();
        gateway.Next();
        var mapped = BatchFhirMapper.Map(gateway.Next(), "p1", T);
        foreach (var resource in mapped.Observations.Cast<Resource>().Append(mapped.Provenance))
        {
            var json = FhirJson.Serialize(resource);
            var back = FhirJson.Deserialize<Resource>(json);
            Assert.Equal(json, FhirJson.Serialize(back));
            Assert.Equal(resource.GetType(), back.GetType());
        }
    }

    [Fact]
    public void Resource_json_reads_like_the_specification()
    {
        var observation = new Observation
        {
            Id = "o1",
            Status = "final",
            Code = CodeableConcept.Of("http://loinc.org", "8867-4"),
            EffectiveDateTime = T,
            ValueQuantity = Quantity.Ucum(72.5m, "/min"),
        };
        var node = JsonNode.Parse(FhirJson.Serialize(observation))!.AsObject();
        Assert.Equal("resourceType", node.First().Key);
        Assert.Equal("Observation", (string?)node["resourceType"]);
        Assert.Equal("2026-01-01T08:00:00.250Z", (string?)node["effectiveDateTime"]);
        Assert.Equal(72.5m, (decimal)node["valueQuantity"]!["value"]!);
        Assert.Equal("http://unitsofmeasure.org", (string?)node["valueQuantity"]!["system"]);
        Assert.False(node.ContainsKey("valueString"));
        Assert.False(node.ContainsKey("meta"));
        Assert.Single(node, p => p.Key.StartsWith("value", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_resource_type_round_trips()
    {
        Resource[] resources =
        [
            new Patient { Id = "p", Active = true, Gender = "unknown", BirthDate = "1970" },
            new Device { Id = "d", Status = "active", DeviceName = [new DeviceDeviceName { Name = "g", Type = "user-friendly-name" }] },
            new Bundle { Type = "searchset", Total = 1, Link = [new BundleLink("self", "http://x/fhir/Observation")], Entry = [new BundleEntry { Resource = new Patient { Id = "p" }, Search = new BundleEntrySearch { Mode = "match" } }] },
            OperationOutcome.Single("error", "invalid", "bad", "date"),
            new Consent { Status = "active", Scope = CodeableConcept.Of("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"), Category = [CodeableConcept.Of("http://loinc.org", "59284-0")], Provision = new ConsentProvision { Type = "permit", Provision = [new ConsentProvision { Type = "deny" }] } },
            new AuditEvent { Type = new Coding("http://dicom.nema.org/resources/ontology/DCM", "110110"), Recorded = T, Agent = [new AuditEventAgent { Requestor = true, AltId = "u1" }], Source = new AuditEventSource { Observer = new ResourceReference("Device/d") } },
            new Flag { Status = "active", Code = new CodeableConcept { Text = "Fall risk" }, Subject = new ResourceReference("Patient/p") },
            new DetectedIssue { Status = "final", IdentifiedDateTime = T, Detail = "Tachycardia" },
            new Communication { Status = "completed", Payload = [new CommunicationPayload { ContentString = "Alert" }] },
            new Subscription { Status = "active", Reason = "r", Criteria = "Observation?patient=p", Channel = new SubscriptionChannel { Type = "rest-hook", Endpoint = "http://127.0.0.1/hook", Payload = "application/fhir+json" } },
            new Binary { ContentType = "application/octet-stream", Data = "AAE=" },
        ];
        foreach (var resource in resources)
        {
            var json = FhirJson.Serialize(resource);
            Assert.Equal(json, FhirJson.Serialize(FhirJson.Deserialize<Resource>(json)));
        }
    }

    [Fact]
    public void Two_value_choices_are_refused_both_ways()
    {
        var both = new Observation { Status = "final", Code = new CodeableConcept { Text = "x" }, ValueString = "a", ValueBoolean = true };
        Assert.Throws<JsonException>(() => FhirJson.Serialize(both));
        const string json = """{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueString":"a","valueInteger":1}""";
        Assert.False(FhirJson.TryDeserialize(json, out _, out var error));
        Assert.Contains("value", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"status":"final","code":{"text":"x"}}""")]
    [InlineData("""{"resourceType":"Medication"}""")]
    [InlineData("""{"resourceType":"Observation","code":{"text":"x"}}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"effectiveDateTime":"yesterday"}""")]
    [InlineData("""{"resourceType":"Observation","status":1,"code":{"text":"x"}}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","status":"final","code":{"text":"x"}}""")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{")]
    public void Invalid_resource_json_is_refused_with_a_message(string json)
    {
        Assert.False(FhirJson.TryDeserialize(json, out var resource, out var error));
        Assert.Null(resource);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void ResourceType_may_come_after_other_properties()
    {
        const string json = """{"id":"p1","active":true,"resourceType":"Patient"}""";
        Assert.True(FhirJson.TryDeserialize(json, out var resource, out _));
        Assert.Equal("p1", Assert.IsType<Patient>(resource).Id);
    }

    [Fact]
    public void Random_bytes_never_crash_the_reader() =>
        Prop.ForAll<byte[]>(bytes =>
        {
            var ok = FhirJson.TryDeserialize(bytes, out var resource, out var error);
            return ok ? resource is not null : error is not null;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Mutated_valid_json_never_crashes_the_reader()
    {
        using var gateway = new TestGateway();
        var json = FhirJson.SerializeToUtf8Bytes(BatchFhirMapper.Map(gateway.Next(), "p1", T).Provenance);
        Prop.ForAll<int, byte>((position, value) =>
        {
            var copy = (byte[])json.Clone();
            copy[(int)((uint)position % (uint)copy.Length)] = value;
            var ok = FhirJson.TryDeserialize(copy, out var resource, out var error);
            return ok ? resource is not null : error is not null;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("2026", "2026-01-01T00:00:00.000Z")]
    [InlineData("2026-02", "2026-02-01T00:00:00.000Z")]
    [InlineData("2026-02-03", "2026-02-03T00:00:00.000Z")]
    [InlineData("2026-02-03T04:05:06+02:00", "2026-02-03T02:05:06.000Z")]
    [InlineData("2026-02-03T04:05:06.789Z", "2026-02-03T04:05:06.789Z")]
    public void FHIR_dateTimes_are_read_in_every_precision(string text, string expected)
    {
        Assert.True(FhirDateTimeConverter.TryParse(text, out var value));
        Assert.Equal(expected, FhirDateTimeConverter.Format(value));
    }
}
