using System.Net;
using Microsoft.Data.Sqlite;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Sqlite;

namespace SensorChain.Cloud.Tests.Api;

/// <summary>What the FHIR API answers when stored data fail their integrity check (a host of its own: the test changes data).</summary>
public sealed class SqliteFhirApiIntegrityTests : IAsyncLifetime
{
    private readonly FhirApiHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_observation_whose_raw_batch_was_changed_is_refused_with_an_outcome_naming_the_batch()
    {
        // Batch 3's stored bytes replaced by batch 4's: its Observations no longer match the hash the chain and the ledger hold.
        await using (var connection = new SqliteConnection($"Data Source={((SqliteIngestStore)_host.Store).Path}"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE batches SET compressed = (SELECT compressed FROM batches WHERE sequence = 4) WHERE sequence = 3";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var changed = BatchFhirMapper.ObservationId(_host.Gateway.Device, 3, SensorCodes.HeartRate);
        using var refused = await _host.Client.GetAsync(new Uri($"/fhir/Observation/{changed}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        var outcome = Assert.IsType<OperationOutcome>(FhirJson.Deserialize<Resource>(await refused.Content.ReadAsStringAsync()));
        Assert.Contains("integrity check", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Contains($"batch {_host.Gateway.Device}/3", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);

        var intact = BatchFhirMapper.ObservationId(_host.Gateway.Device, 4, SensorCodes.HeartRate);
        using var served = await _host.Client.GetAsync(new Uri($"/fhir/Observation/{intact}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        // A search serves every other match and says, in an outcome entry, how many it could not serve and why.
        using var searched = await _host.Client.GetAsync(new Uri($"/fhir/Observation?patient={_host.PatientId}&code=http://loinc.org|8867-4&_count=50", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        var bundle = Assert.IsType<Bundle>(FhirJson.Deserialize<Resource>(await searched.Content.ReadAsStringAsync()));
        var matches = bundle.Entry!.Where(e => e.Search?.Mode == "match").Select(e => e.Resource!.Id).ToList();
        Assert.Equal(FhirApiHost.Batches - 1, matches.Count);
        Assert.DoesNotContain(changed, matches);
        var warning = Assert.IsType<OperationOutcome>(Assert.Single(bundle.Entry!, e => e.Search?.Mode == "outcome").Resource);
        Assert.Equal("error", warning.Issue[0].Severity);
        Assert.StartsWith("1 matching Observation(s) not served: their stored data failed the integrity check", warning.Issue[0].Diagnostics, StringComparison.Ordinal);
    }
}
