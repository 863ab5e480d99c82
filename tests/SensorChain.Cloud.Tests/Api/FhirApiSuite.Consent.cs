using System.Net;
using SensorChain.Fhir;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Mapping;

namespace SensorChain.Cloud.Tests.Api;

/// <summary>Every patient's data the REST API returns passes IPatientDataAccess first.</summary>
public abstract partial class FhirApiSuite<THost>
{
    [Fact]
    public async Task Read_of_a_patient_without_consent_is_403_and_the_decision_is_asked_each_time()
    {
        var id = BatchFhirMapper.ObservationId(Host.Gateway.Device, 5, SensorCodes.HeartRate);
        Host.Access.Denied[(Host.PatientId, PatientDataCategory.Vitals)] = true;
        try
        {
            var (denied, outcome) = await GetAsync($"/fhir/Observation/{id}");
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal("forbidden", Assert.IsType<OperationOutcome>(outcome).Issue[0].Code);
            var request = Host.Access.Requests.Last();
            Assert.Equal(new PatientDataAccessRequest("anonymous", Host.PatientId, PatientDataCategory.Vitals, PatientDataAction.Read, "read Observation"), request);
        }
        finally
        {
            Host.Access.Denied.Clear();
        }

        var (allowed, _) = await GetAsync($"/fhir/Observation/{id}");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Search_leaves_out_categories_without_consent()
    {
        Host.Access.Denied[(Host.PatientId, PatientDataCategory.Waveforms)] = true;
        try
        {
            var bundle = await SearchAsync($"/fhir/Observation?patient={Host.PatientId}&_count=200");
            var matches = bundle.Entry!.Where(e => e.Search!.Mode == "match").Select(e => Assert.IsType<Observation>(e.Resource)).ToList();
            Assert.NotEmpty(matches);
            Assert.DoesNotContain(matches, o => SensorDataCategories.For(o) == PatientDataCategory.Waveforms);
            Assert.Contains(matches, o => o.Code.Has(FhirSystems.Loinc, "8867-4"));
            Assert.Contains(bundle.Entry!, e => e.Search!.Mode == "outcome" && e.Resource is OperationOutcome);
            Assert.Null(bundle.Total);

            var (ecg, _) = await GetAsync($"/fhir/Observation?patient={Host.PatientId}&code=131328");
            Assert.Equal(HttpStatusCode.Forbidden, ecg.StatusCode);
        }
        finally
        {
            Host.Access.Denied.Clear();
        }
    }

    [Fact]
    public async Task Lastn_and_binary_of_a_patient_without_consent_are_403()
    {
        Host.Access.Denied[(Host.PatientId, null)] = true;
        try
        {
            var (lastn, _) = await GetAsync($"/fhir/Observation/$lastn?patient={Host.PatientId}");
            Assert.Equal(HttpStatusCode.Forbidden, lastn.StatusCode);
            using var binary = await Host.Client.GetAsync(new Uri($"/fhir/Binary/{Host.Gateway.Device}-1", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, binary.StatusCode);
            var (patient, _) = await GetAsync($"/fhir/Patient/{Host.PatientId}");
            Assert.Equal(HttpStatusCode.Forbidden, patient.StatusCode);
        }
        finally
        {
            Host.Access.Denied.Clear();
        }
    }

    [Fact]
    public async Task Export_withholds_patients_without_consent()
    {
        Host.Access.Denied[(Host.PatientId, null)] = true;
        try
        {
            var status = await KickOffAsync("/fhir/$export?_type=Observation,Patient");
            using var manifest = await PollAsync(status);
            Assert.True(manifest.RootElement.GetProperty("extension").GetProperty("withheldForConsent").GetInt64() >= FhirApiHost.Batches);
            foreach (var output in manifest.RootElement.GetProperty("output").EnumerateArray())
            {
                var lines = await DownloadAsync(output.GetProperty("url").GetString()!);
                Assert.DoesNotContain(lines, l => l.Contains(Host.PatientId, StringComparison.Ordinal));
            }

            Assert.Contains(Host.Access.Requests, r => r.Action == PatientDataAction.Execute && r.PatientId == Host.PatientId);
        }
        finally
        {
            Host.Access.Denied.Clear();
        }
    }
}
