using System.Net;
using System.Text.Json;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;

namespace SensorChain.Cloud.Tests.Api;

/// <summary>FHIR Bulk Data $export: kick-off, polling, NDJSON files, cancel.</summary>
public abstract partial class FhirApiSuite<THost>
{
    [Fact]
    public async Task System_export_writes_ndjson_files_listed_in_the_manifest()
    {
        var status = await KickOffAsync("/fhir/$export");
        using var manifest = await PollAsync(status);
        Assert.True(manifest.RootElement.GetProperty("requiresAccessToken").GetBoolean());
        var outputs = manifest.RootElement.GetProperty("output").EnumerateArray().ToList();
        Assert.Equal(["Patient", "Device", "Observation", "Provenance"], outputs.Select(o => o.GetProperty("type").GetString()));

        var observations = outputs.Single(o => o.GetProperty("type").GetString() == "Observation");
        var lines = await DownloadAsync(observations.GetProperty("url").GetString()!);
        Assert.Equal(observations.GetProperty("count").GetInt64(), lines.Count);
        Assert.True(lines.Count >= FhirApiHost.Batches * 11, $"{lines.Count} observations");
        Assert.All(lines, l => Assert.IsType<Observation>(FhirJson.Deserialize<Resource>(l)));

        var patients = await DownloadAsync(outputs[0].GetProperty("url").GetString()!);
        Assert.Contains(patients, l => FhirJson.Deserialize<Resource>(l).Id == Host.PatientId);
    }

    [Fact]
    public async Task Patient_export_honours_type_and_since()
    {
        var since = FhirDateTimeConverter.Format(Host.Time.GetUtcNow().AddDays(1));
        var status = await KickOffAsync($"/fhir/Patient/$export?_type=Observation&_since={Uri.EscapeDataString(since)}&_outputFormat=application/fhir%2Bndjson");
        using var manifest = await PollAsync(status);
        var output = Assert.Single(manifest.RootElement.GetProperty("output").EnumerateArray());
        Assert.Equal("Observation", output.GetProperty("type").GetString());
        Assert.Equal(0, output.GetProperty("count").GetInt64());

        var all = await KickOffAsync("/fhir/Patient/$export?_type=Patient");
        using var allManifest = await PollAsync(all);
        var patients = Assert.Single(allManifest.RootElement.GetProperty("output").EnumerateArray());
        Assert.True(patients.GetProperty("count").GetInt64() >= 2);
    }

    [Fact]
    public async Task Export_kick_off_errors_are_operation_outcomes()
    {
        foreach (var (path, async, status) in new[]
        {
            ("/fhir/$export", false, HttpStatusCode.BadRequest),
            ("/fhir/$export?_type=Medication", true, HttpStatusCode.BadRequest),
            ("/fhir/Patient/$export?_type=Provenance", true, HttpStatusCode.BadRequest),
            ("/fhir/$export?_since=yesterday", true, HttpStatusCode.BadRequest),
            ("/fhir/$export?_outputFormat=text/csv", true, HttpStatusCode.BadRequest),
            ("/fhir/$export-status/nope", true, HttpStatusCode.NotFound),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (async)
            {
                request.Headers.Add("Prefer", "respond-async");
            }

            using var response = await Host.Client.SendAsync(request);
            Assert.True(status == response.StatusCode, $"{path}: {(int)response.StatusCode}");
            Assert.IsType<OperationOutcome>(FhirJson.Deserialize<Resource>(await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Deleting_an_export_cancels_it_and_removes_its_files()
    {
        var status = await KickOffAsync("/fhir/$export");
        using var manifest = await PollAsync(status);
        var url = manifest.RootElement.GetProperty("output")[0].GetProperty("url").GetString()!;
        using var delete = await Host.Client.DeleteAsync(status);
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        using var after = await Host.Client.GetAsync(status);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        using var file = await Host.Client.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
    }

    private async Task<Uri> KickOffAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Prefer", "respond-async");
        request.Headers.Add("Accept", FhirJson.MediaType);
        using var response = await Host.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Content.Headers.ContentLocation ?? throw new InvalidOperationException("No Content-Location.");
    }

    private async Task<JsonDocument> PollAsync(Uri status)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var response = await Host.Client.GetAsync(status);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.True(response.Headers.Contains("X-Progress"));
            await Task.Delay(50);
        }

        throw new TimeoutException("The export did not finish in 30 s.");
    }

    private async Task<List<string>> DownloadAsync(string url)
    {
        using var response = await Host.Client.GetAsync(new Uri(url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+ndjson", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
