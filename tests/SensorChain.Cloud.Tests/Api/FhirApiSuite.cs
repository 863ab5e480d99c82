using System.Net;
using System.Text.Json;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.Ingest.Mapping;

namespace SensorChain.Cloud.Tests.Api;

/// <summary>The FHIR REST suite, run on SQLite (SqliteFhirApiTests) and on PostgreSQL (SensorChain.Storage.Tests: PostgresFhirApiTests).</summary>
public abstract partial class FhirApiSuite<THost>(THost host) : IClassFixture<THost>
    where THost : FhirApiHost
{
    protected THost Host => host;

    [Fact]
    public async Task Metadata_is_a_capability_statement_listing_observation_search()
    {
        var (response, resource) = await GetAsync("/fhir/metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        var cs = Assert.IsType<CapabilityStatement>(resource);
        var observation = cs.Rest![0].Resource!.Single(r => r.Type == "Observation");
        Assert.Contains(observation.SearchParam!, p => p.Name == "date");
        Assert.Contains("Observation:device", observation.SearchInclude!);
        Assert.Equal(["read", "vread", "search-type", "create"], observation.Interaction!.Select(i => i.Code));
        Assert.True(observation.ConditionalCreate);
        var subscription = cs.Rest[0].Resource!.Single(r => r.Type == "Subscription");
        Assert.Equal(["read", "vread", "create", "delete"], subscription.Interaction!.Select(i => i.Code));
        Assert.Contains(cs.Rest[0].Operation!, o => o.Name == "export");
        Assert.Contains(cs.Rest[0].Resource!.Single(r => r.Type == "Patient").Operation!, o => o.Name == "export");
        Assert.DoesNotContain(cs.Rest[0].Resource!, r => r.Type is "Device" or "Provenance" && r.Interaction!.Any(i => i.Code != "read" && i.Code != "vread"));
    }

    [Fact]
    public async Task Read_returns_the_resource_with_version_and_etag()
    {
        var id = BatchFhirMapper.ObservationId(host.Gateway.Device, 3, SensorCodes.HeartRate);
        var (response, resource) = await GetAsync($"/fhir/Observation/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var observation = Assert.IsType<Observation>(resource);
        Assert.Equal(id, observation.Id);
        Assert.Equal("1", observation.Meta!.VersionId);
        Assert.Equal("W/\"1\"", response.Headers.ETag!.ToString());
        Assert.Equal($"Patient/{host.PatientId}", observation.Subject!.Reference);

        var (vresponse, vresource) = await GetAsync($"/fhir/Observation/{id}/_history/1");
        Assert.Equal(HttpStatusCode.OK, vresponse.StatusCode);
        Assert.Equal(id, vresource!.Id);

        var (patientResponse, patient) = await GetAsync($"/fhir/Patient/{host.PatientId}");
        Assert.Equal(HttpStatusCode.OK, patientResponse.StatusCode);
        Assert.IsType<Patient>(patient);
        var (deviceResponse, device) = await GetAsync($"/fhir/Device/{host.Gateway.Device}");
        Assert.Equal(HttpStatusCode.OK, deviceResponse.StatusCode);
        Assert.IsType<Device>(device);
        var (provResponse, provenance) = await GetAsync($"/fhir/Provenance/{BatchFhirMapper.ProvenanceId(host.Gateway.Device, 3)}");
        Assert.Equal(HttpStatusCode.OK, provResponse.StatusCode);
        Assert.Contains(Assert.IsType<Provenance>(provenance).Target, t => t.Reference == $"Observation/{id}");
    }

    [Fact]
    public async Task Unknown_id_is_404_with_operation_outcome()
    {
        var (response, resource) = await GetAsync("/fhir/Observation/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", Assert.IsType<OperationOutcome>(resource).Issue[0].Code);
        var (vresponse, _) = await GetAsync($"/fhir/Patient/{host.PatientId}/_history/9");
        Assert.Equal(HttpStatusCode.NotFound, vresponse.StatusCode);
        var (bad, badOutcome) = await GetAsync($"/fhir/Patient/{host.PatientId}/_history/x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.IsType<OperationOutcome>(badOutcome);
    }

    [Fact]
    public async Task Search_by_patient_and_code_pages_with_links()
    {
        var bundle = await SearchAsync($"/fhir/Observation?patient=Patient/{host.PatientId}&code=http://loinc.org|8867-4&_count=5");
        Assert.Equal("searchset", bundle.Type);
        Assert.Equal(FhirApiHost.Batches, bundle.Total);
        Assert.Equal(5, bundle.Entry!.Count);
        Assert.All(bundle.Entry, e => Assert.Equal("match", e.Search!.Mode));
        Assert.All(bundle.Entry, e => Assert.True(Assert.IsType<Observation>(e.Resource).Code.Has(FhirSystems.Loinc, "8867-4")));
        var next = bundle.Link!.Single(l => l.Relation == "next").Url;
        Assert.DoesNotContain(bundle.Link!, l => l.Relation == "previous");

        var seen = bundle.Entry.Select(e => e.Resource!.Id).ToList();
        var page = bundle;
        while (page.Link!.FirstOrDefault(l => l.Relation == "next") is { } link)
        {
            page = await SearchAsync(new Uri(link.Url).PathAndQuery);
            Assert.Contains(page.Link!, l => l.Relation == "previous");
            seen.AddRange(page.Entry!.Select(e => e.Resource!.Id));
        }

        Assert.Equal(FhirApiHost.Batches, seen.Distinct().Count());
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Search_sorts_by_date_descending_and_filters_by_date()
    {
        var desc = await SearchAsync($"/fhir/Observation?subject={host.PatientId}&code=8867-4&_sort=-date&_count=2");
        var first = Assert.IsType<Observation>(desc.Entry![0].Resource);
        Assert.EndsWith($"-{FhirApiHost.Batches - 1}-hr", first.Id, StringComparison.Ordinal);

        var start = DateTimeOffset.FromUnixTimeMilliseconds(host.Gateway.StartUnixMs);
        var ge = FhirDateTimeConverter.Format(start.AddSeconds(10));
        var recent = await SearchAsync($"/fhir/Observation?patient={host.PatientId}&code=8867-4&date=ge{ge}");
        Assert.Equal(2, recent.Total);
        var lt = FhirDateTimeConverter.Format(start.AddSeconds(2));
        var early = await SearchAsync($"/fhir/Observation?patient={host.PatientId}&code=8867-4&date=lt{lt}");
        Assert.Equal(2, early.Total);
        var day = await SearchAsync($"/fhir/Observation?patient={host.PatientId}&code=8867-4&date=eq{start:yyyy-MM-dd}");
        Assert.Equal(FhirApiHost.Batches, day.Total);
        var otherDay = await SearchAsync($"/fhir/Observation?patient={host.PatientId}&code=8867-4&date=2020-01-01");
        Assert.Equal(0, otherDay.Total);
    }

    [Fact]
    public async Task Search_by_category_and_include_device()
    {
        var lab = await SearchAsync($"/fhir/Observation?patient={host.PatientId}&category=laboratory&_include=Observation:device&_count=3");
        Assert.Equal(FhirApiHost.Batches, lab.Total);
        var included = Assert.Single(lab.Entry!, e => e.Search!.Mode == "include");
        Assert.IsType<Device>(included.Resource);
        Assert.Equal(3, lab.Entry!.Count(e => e.Search!.Mode == "match"));
    }

    [Fact]
    public async Task Bad_parameters_are_400_with_operation_outcome()
    {
        foreach (var query in new[] { "date=xx2026", "date=2026-13-45", "_count=-1", "_count=abc", "_sort=value", "code=", "_include=Observation:subject" })
        {
            var (response, resource) = await GetAsync("/fhir/Observation?" + query);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, query);
            var outcome = Assert.IsType<OperationOutcome>(resource);
            Assert.Equal("error", outcome.Issue[0].Severity);
        }
    }

    [Fact]
    public async Task Unknown_parameter_is_ignored_leniently_and_rejected_strictly()
    {
        var lenient = await SearchAsync($"/fhir/Observation?patient={host.PatientId}&code=8867-4&flavour=mint");
        Assert.Equal(FhirApiHost.Batches, lenient.Total);
        Assert.Contains(lenient.Entry!, e => e.Search!.Mode == "outcome");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Observation?patient={host.PatientId}&flavour=mint");
        request.Headers.Add("Prefer", "handling=strict");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = Assert.IsType<OperationOutcome>(FhirJson.Deserialize<Resource>(await response.Content.ReadAsStringAsync()));
        Assert.Contains("flavour", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lastn_returns_the_latest_observation_per_code()
    {
        var bundle = await SearchAsync($"/fhir/Observation/$lastn?patient={host.PatientId}");
        Assert.Equal(11, bundle.Entry!.Count);
        Assert.All(bundle.Entry, e => Assert.Contains($"-{FhirApiHost.Batches - 1}-", e.Resource!.Id, StringComparison.Ordinal));
        var two = await SearchAsync($"/fhir/Observation/$lastn?patient={host.PatientId}&code=http://loinc.org|8867-4&max=2");
        Assert.Equal(2, two.Entry!.Count);
        var (missing, _) = await GetAsync("/fhir/Observation/$lastn");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Unsupported_route_is_an_operation_outcome()
    {
        var (response, resource) = await GetAsync("/fhir/Medication/1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.IsType<OperationOutcome>(resource);
    }

    [Fact]
    public async Task Provenance_points_to_the_raw_signed_batch_which_verifies()
    {
        var (_, resource) = await GetAsync($"/fhir/Provenance/{BatchFhirMapper.ProvenanceId(host.Gateway.Device, 2)}");
        var provenance = Assert.IsType<Provenance>(resource);
        var source = provenance.Entity!.Single(e => e.Role == "source").What;
        using var raw = await host.Client.GetAsync(new Uri("/fhir/" + source.Reference, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        var bytes = await raw.Content.ReadAsByteArrayAsync();
        var signed = SensorChain.Protocol.BatchCodec.Decode(bytes);
        Assert.Equal(source.Identifier!.Value, signed.Hash.ToString());
        using var key = SensorChain.Protocol.P256.ImportPublicKey(host.Gateway.Key.PublicKeySpki);
        Assert.True(SensorChain.Protocol.BatchCodec.VerifySignature(signed, key));
        Assert.Equal(provenance.Signature![0].Data, Convert.ToBase64String(signed.Signature.Span));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/" + source.Reference);
        request.Headers.Add("Accept", "application/fhir+json");
        using var asFhir = await host.Client.SendAsync(request);
        var binary = Assert.IsType<Binary>(FhirJson.Deserialize<Resource>(await asFhir.Content.ReadAsStringAsync()));
        Assert.Equal(bytes, Convert.FromBase64String(binary.Data!));
        var (missing, _) = await GetAsync("/fhir/Binary/zz-1");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Random_parameter_values_never_cause_a_server_error()
    {
        var random = new Random(1234);
        const string alphabet = "abcXYZ0123456789-:.|,/+%&=TZ eqgtltlege$_";
        string[] names = ["date", "_lastUpdated", "code", "category", "patient", "subject", "_count", "_offset", "_sort", "_include"];
        for (var i = 0; i < 300; i++)
        {
            var value = new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var name = names[random.Next(names.Length)];
            var (response, resource) = await GetAsync($"/fhir/Observation?{name}={Uri.EscapeDataString(value)}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{name}={value}: {(int)response.StatusCode}");
            Assert.True(response.StatusCode == HttpStatusCode.OK ? resource is Bundle : resource is OperationOutcome, $"{name}={value}");
        }
    }

    protected async Task<Bundle> SearchAsync(string path)
    {
        var (response, resource) = await GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {(resource is OperationOutcome o ? o.Issue[0].Diagnostics : null)}");
        return Assert.IsType<Bundle>(resource);
    }

    protected async Task<(HttpResponseMessage Response, Resource? Resource)> GetAsync(string path)
    {
        var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return (response, FhirJson.Deserialize<Resource>(body));
        }
        catch (JsonException)
        {
            return (response, null);
        }
    }
}
