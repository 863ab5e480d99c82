using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using SensorChain.Ingest.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.TestSupport;
using SensorChain.Web.Consent;
using SensorChain.Web.Research;
using SensorChain.Web.Storage;

namespace SensorChain.Web.Tests;

public sealed class ResearchExportTests : IDisposable
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    private static FhirResourceRecord Observation(string id, string patient, string device, string effective) => new(
        "Observation", id, 1, DateTimeOffset.Parse(effective, System.Globalization.CultureInfo.InvariantCulture),
        $$"""
        {"resourceType":"Observation","id":"{{id}}","meta":{"versionId":"1"},"status":"final",
         "identifier":[{"system":"urn:sensorchain:batch","value":"{{device}}/7/hr"}],
         "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
         "subject":{"reference":"Patient/{{patient}}","display":"Alice Example"},"device":{"reference":"Device/{{device}}"},
         "effectiveDateTime":"{{effective}}","issued":"{{effective}}","valueQuantity":{"value":72,"unit":"/min"},
         "note":[{"text":"Alice felt dizzy"}]}
        """,
        new ObservationSearchColumns(patient, device, ["http://loinc.org|8867-4"], [], DateTimeOffset.Parse(effective, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(effective, System.Globalization.CultureInfo.InvariantCulture), null));

    [Fact]
    public async Task Export_contains_only_consenting_patients_without_any_identifier()
    {
        var database = new WebDatabase(_dir.File("web.db"));
        var consents = new ConsentStore(database, new NullConsentLedger(), _time);
        var profiles = new PatientProfileStore(database);
        profiles.Save(new PatientProfile("pat-alice", "Alice Example", new DateOnly(1930, 5, 6), "+1 555 0100", "12 Road", []));
        profiles.Save(new PatientProfile("pat-bob", "Bob Example", new DateOnly(1970, 2, 3), null, null, []));
        await consents.GrantAsync("pat-alice", GranteeType.Research, "", "research", "Organization", [DataCategory.Research], [], null, null, default);
        await consents.GrantAsync("pat-bob", GranteeType.Research, "", "research", "Organization", [DataCategory.Research], [], null, null, default);
        await consents.GrantAsync("pat-carl", GranteeType.Person, "u-x", "X", "RelatedPerson", [DataCategory.Vitals], [], null, null, default);

        await using var store = await SqliteIngestStore.OpenAsync(_dir.Path, _time, default);
        await store.UpsertResourceAsync(Observation("obs-1", "pat-alice", "dev-aaaa", "2026-05-01T10:00:00Z"), default);
        await store.UpsertResourceAsync(Observation("obs-2", "pat-alice", "dev-aaaa", "2026-05-01T10:00:01.500Z"), default);
        await store.UpsertResourceAsync(Observation("obs-3", "pat-bob", "dev-bbbb", "2026-05-01T10:00:00Z"), default);
        await store.UpsertResourceAsync(Observation("obs-4", "pat-carl", "dev-cccc", "2026-05-01T10:00:00Z"), default);

        var output = new StringWriter();
        var harbor = new SafeHarbor(Key);
        var summary = await new ResearchExporter(harbor, _time).ExportAsync(store, new AccessPolicy(consents, _time), profiles, output, default);

        Assert.Equal(new ResearchExportSummary(2, 3, 1, 0), summary);
        var text = output.ToString();
        foreach (var identifier in new[] { "pat-alice", "pat-bob", "pat-carl", "Alice", "dev-aaaa", "555", "obs-1", "dizzy", "2026-05-01" })
        {
            Assert.DoesNotContain(identifier, text, StringComparison.Ordinal);
        }

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var alice = lines.Single(l => (string?)l["id"] == harbor.Pseudonym("Patient", "pat-alice"));
        Assert.False(alice.ContainsKey("birthDate"), "a 96-year-old's birth year must be grouped as 90+");
        Assert.Equal("90+", (string?)alice["extension"]![0]!["valueString"]);
        Assert.Contains("\"90+\"", text, StringComparison.Ordinal);
        var bob = lines.Single(l => (string?)l["id"] == harbor.Pseudonym("Patient", "pat-bob"));
        Assert.Equal("1970", (string?)bob["birthDate"]);

        var aliceObs = lines.Where(l => (string?)l["subject"]?["reference"] == "Patient/" + harbor.Pseudonym("Patient", "pat-alice")).ToList();
        Assert.Equal(2, aliceObs.Count);
        var shifted = aliceObs.Select(o => DateTimeOffset.Parse((string)o["effectiveDateTime"]!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(TimeSpan.FromMilliseconds(1500), shifted[1] - shifted[0]);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero) + harbor.ShiftOf("pat-alice"), shifted[0]);
        Assert.All(aliceObs, o => Assert.Null(o["device"]));
        Assert.All(aliceObs, o => Assert.Null(o["identifier"]));
    }

    [Fact]
    public void Pseudonyms_and_shifts_are_stable_per_key_and_differ_between_keys()
    {
        var a = new SafeHarbor(Key);
        var b = new SafeHarbor(Enumerable.Repeat((byte)9, 32).ToArray());
        Assert.Equal(a.Pseudonym("Patient", "p1"), new SafeHarbor(Key).Pseudonym("Patient", "p1"));
        Assert.NotEqual(a.Pseudonym("Patient", "p1"), b.Pseudonym("Patient", "p1"));
        Assert.InRange(a.ShiftOf("p1").TotalDays, -365, -1);
    }

    [Fact]
    public void Arbitrary_strings_never_crash_the_date_shifter()
    {
        Prop.ForAll<string>(s =>
        {
            var result = SafeHarbor.ShiftDate(s ?? string.Empty, TimeSpan.FromDays(-10));
            return result is null || result.Length >= 10;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Arbitrary_JSON_values_never_crash_the_scrubber()
    {
        var harbor = new SafeHarbor(Key);
        Prop.ForAll<string, string, int>((text, reference, number) =>
        {
            var resource = new JsonObject
            {
                ["resourceType"] = "Observation",
                ["id"] = text ?? "x",
                ["subject"] = new JsonObject { ["reference"] = reference ?? "", ["display"] = text },
                ["component"] = new JsonArray(new JsonObject { ["valueInteger"] = number, ["valueString"] = text }, JsonValue.Create(text)),
            };
            var scrubbed = harbor.Resource(resource, "p1").ToJsonString();
            return !scrubbed.Contains("valueString", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
