using System.Net;
using System.Text;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;

namespace SensorChain.Cloud.Tests.Api;

/// <summary>Create, conditional create and bad request bodies.</summary>
public abstract partial class FhirApiSuite<THost>
{
    [Fact]
    public async Task Create_stores_a_new_observation_with_location_and_version()
    {
        var (response, resource) = await PostAsync(NewObservation("create-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = Assert.IsType<Observation>(resource);
        Assert.Equal("1", created.Meta!.VersionId);
        Assert.EndsWith($"/fhir/Observation/{created.Id}/_history/1", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var (read, again) = await GetAsync($"/fhir/Observation/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(72m, Assert.IsType<Observation>(again).ValueQuantity!.Value);
    }

    [Fact]
    public async Task Conditional_create_of_a_redelivered_observation_never_duplicates()
    {
        var value = "redelivered-" + Guid.NewGuid().ToString("N");
        var observation = NewObservation(value);
        var condition = $"identifier=urn:example:lab|{value}";
        var (first, firstResource) = await PostAsync(observation, condition);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var tasks = Enumerable.Range(0, 4).Select(_ => PostAsync(observation, condition)).ToList();
        var again = await Task.WhenAll(tasks);
        Assert.All(again, r => Assert.Equal(firstResource!.Id, r.Resource!.Id));
        Assert.All(again, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        Assert.All(again, r => Assert.Equal("1", r.Resource!.Meta!.VersionId));

        var stored = await CountOtherPatientObservationsAsync(value);
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task Plain_create_of_a_stored_identifier_is_409_and_changes_nothing()
    {
        var observation = NewObservation("dup-" + Guid.NewGuid().ToString("N"));
        var (first, _) = await PostAsync(observation);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var (second, outcome) = await PostAsync(observation with { ValueQuantity = observation.ValueQuantity! with { Value = 99m } });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("duplicate", Assert.IsType<OperationOutcome>(outcome).Issue[0].Code);
        Assert.Equal(1, await CountOtherPatientObservationsAsync(observation.Identifier![0].Value));
    }

    [Fact]
    public async Task Conditional_create_with_the_ingest_identifier_finds_the_ingested_observation()
    {
        var id = BatchFhirMapper.ObservationId(Host.Gateway.Device, 4, SensorCodes.HeartRate);
        var ingested = (Observation)FhirRecords.ToResource((await Host.Store.ReadResourceAsync("Observation", id, CancellationToken.None))!);
        var identifier = ingested.Identifier![0];
        var (response, resource) = await PostAsync(ingested with { Id = null }, $"identifier={identifier.System}|{identifier.Value}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, resource!.Id);
        Assert.Equal("1", (await Host.Store.ReadResourceAsync("Observation", id, CancellationToken.None))!.VersionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Bad_bodies_get_a_clear_outcome_and_store_nothing()
    {
        var before = await CountOtherPatientObservationsAsync(null);
        var valid = FhirJson.Serialize(NewObservation("bad-" + Guid.NewGuid().ToString("N")));
        (string Body, string ContentType, HttpStatusCode Status, string Says)[] cases =
        [
            ("{\"resourceType\":\"Observation\",", FhirJson.MediaType, HttpStatusCode.BadRequest, "not valid FHIR JSON"),
            ("not json at all", FhirJson.MediaType, HttpStatusCode.BadRequest, "not valid FHIR JSON"),
            ("{\"resourceType\":\"Spaceship\"}", FhirJson.MediaType, HttpStatusCode.BadRequest, "resourceType"),
            ("", FhirJson.MediaType, HttpStatusCode.BadRequest, "empty"),
            (FhirJson.Serialize(new Patient { Id = "p" }), FhirJson.MediaType, HttpStatusCode.BadRequest, "Patient"),
            (valid, "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type"),
            (valid.Replace($"Patient/{Host.OtherPatientId}", "Patient/nobody", StringComparison.Ordinal), FhirJson.MediaType, HttpStatusCode.UnprocessableEntity, "not known"),
            (valid.Replace($"Patient/{Host.OtherPatientId}", "Device/x", StringComparison.Ordinal), FhirJson.MediaType, HttpStatusCode.UnprocessableEntity, "subject"),
            (valid.Replace("\"status\":\"final\",", string.Empty, StringComparison.Ordinal), FhirJson.MediaType, HttpStatusCode.BadRequest, "status"),
            (valid.Insert(1, $"\"text\":{{\"status\":\"generated\",\"div\":\"{new string('x', FhirApiHost.MaxRequestBytes)}\"}},"), FhirJson.MediaType,
                HttpStatusCode.RequestEntityTooLarge, $"{FhirApiHost.MaxRequestBytes} bytes"),
        ];
        foreach (var (body, contentType, status, says) in cases)
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            using var response = await Host.Client.PostAsync(new Uri("/fhir/Observation", UriKind.Relative), content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{says}: {(int)response.StatusCode} {text}");
            var outcome = Assert.IsType<OperationOutcome>(FhirJson.Deserialize<Resource>(text));
            Assert.Contains(says, outcome.Issue[0].Diagnostics, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(before, await CountOtherPatientObservationsAsync(null));
    }

    [Fact]
    public async Task Mutated_bodies_never_cause_a_server_error_and_only_valid_ones_are_stored()
    {
        var before = await CountOtherPatientObservationsAsync(null);
        var valid = Encoding.UTF8.GetBytes(FhirJson.Serialize(NewObservation("fuzz")));
        var random = new Random(4321);
        var created = 0;
        for (var i = 0; i < 150; i++)
        {
            var body = (byte[])valid.Clone();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                const string junk = "{}[]\":,0a\u00ff";
                body[random.Next(body.Length)] = (byte)junk[random.Next(junk.Length)];
            }

            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(FhirJson.MediaType);
            using var response = await Host.Client.PostAsync(new Uri("/fhir/Observation", UriKind.Relative), content);
            var status = (int)response.StatusCode;
            Assert.True(status is 201 or 400 or 409 or 422, $"{status}: {Encoding.UTF8.GetString(body)}");
            var resource = FhirJson.Deserialize<Resource>(await response.Content.ReadAsStringAsync());
            Assert.True(status == 201 ? resource is Observation : resource is OperationOutcome);
            created += status == 201 ? 1 : 0;
        }

        Assert.Equal(before + created, await CountOtherPatientObservationsAsync(null));
    }

    [Fact]
    public async Task Conditional_create_with_a_malformed_condition_is_400()
    {
        var observation = NewObservation("cond-" + Guid.NewGuid().ToString("N"));
        foreach (var condition in new[] { "identifier=nobar", "code=123", "identifier=urn:example:lab|someone-else", "identifier=|x" })
        {
            var (response, resource) = await PostAsync(observation, condition);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, condition);
            Assert.Contains("If-None-Exist", Assert.IsType<OperationOutcome>(resource).Issue[0].Diagnostics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unsupported_method_on_a_known_type_is_405()
    {
        using var content = new StringContent("{}", Encoding.UTF8, FhirJson.MediaType);
        using var response = await Host.Client.PutAsync(new Uri($"/fhir/Patient/{Host.PatientId}", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.IsType<OperationOutcome>(FhirJson.Deserialize<Resource>(await response.Content.ReadAsStringAsync()));
    }

    protected Observation NewObservation(string identifierValue) => new()
    {
        Identifier = [new Identifier("urn:example:lab", identifierValue)],
        Status = "final",
        Category = [CodeableConcept.Of(FhirSystems.ObservationCategory, "vital-signs", "Vital Signs")],
        Code = CodeableConcept.Of(FhirSystems.Loinc, "8867-4", "Heart rate"),
        Subject = ResourceReference.To("Patient", Host.OtherPatientId),
        EffectiveDateTime = Host.Time.GetUtcNow(),
        ValueQuantity = new Quantity { Value = 72m, Unit = "beats/minute", System = "http://unitsofmeasure.org", Code = "/min" },
    };

    protected async Task<(HttpResponseMessage Response, Resource? Resource)> PostAsync(Resource resource, string? ifNoneExist = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Observation")
        {
            Content = new StringContent(FhirJson.Serialize(resource), Encoding.UTF8, FhirJson.MediaType),
        };
        if (ifNoneExist is not null)
        {
            request.Headers.Add("If-None-Exist", ifNoneExist);
        }

        var response = await Host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response, FhirJson.TryDeserialize(body, out var parsed, out _) ? parsed : null);
    }

    private async Task<int> CountOtherPatientObservationsAsync(string? identifierValue)
    {
        var count = 0;
        await foreach (var record in Host.Store.ExportAsync("Observation", null, CancellationToken.None))
        {
            if (record.Json.Contains(Host.OtherPatientId, StringComparison.Ordinal)
                && (identifierValue is null || record.Json.Contains(identifierValue, StringComparison.Ordinal)))
            {
                count++;
            }
        }

        return count;
    }
}
