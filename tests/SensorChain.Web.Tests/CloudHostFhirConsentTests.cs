using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Cli.Hosting;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;
using SensorChain.TestSupport;
using SensorChain.Web.Accounts;
using SensorChain.Web.Audit;
using SensorChain.Web.Consent;

namespace SensorChain.Web.Tests;

/// <summary>In the cloud host, the FHIR REST API asks the web app's consent service for every patient it serves.</summary>
public sealed class CloudHostFhirConsentTests
{
    private const string Patient = "pat-host-0002";

    [Fact]
    public async Task A_caregiver_reads_FHIR_Observations_only_while_the_patient_grants_it()
    {
        using var dir = new TempDirectory();
        await using var app = await CloudHost.BuildAsync(new CloudHostOptions { DataDirectory = dir.Path, Urls = "http://127.0.0.1:0" }, CancellationToken.None);
        await app.StartAsync();
        try
        {
            var users = await DemoSeeder.SeedAsync(app.Services, ["pat-host-0001", Patient], CancellationToken.None);
            await IngestOneBatchAsync(app.Services);

            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var carol = users.Single(u => u.Username == "carol");
            var token = await TokenAsync(http, carol);

            Assert.Equal(HttpStatusCode.Forbidden, await SearchAsync(http, token));

            var accounts = app.Services.GetRequiredService<AccountStore>();
            var carolAccount = accounts.FindByUsername("carol")!;
            var consents = app.Services.GetRequiredService<ConsentStore>();
            var grant = await consents.GrantAsync(Patient, GranteeType.Person, carolAccount.Id, carolAccount.DisplayName, "RelatedPerson", [DataCategory.Vitals], [], null, null, default);
            Assert.Equal(HttpStatusCode.OK, await SearchAsync(http, token));

            await consents.RevokeAsync(Patient, grant.Id, default);
            Assert.Equal(HttpStatusCode.Forbidden, await SearchAsync(http, token));

            // Every decision is in the patient's audit trail, allowed and denied alike.
            var audit = app.Services.GetRequiredService<AuditLog>();
            var carolsReads = audit.ForPatient(Patient).Where(r => r.Entry.ActorId == carolAccount.Id).ToList();
            Assert.Contains(carolsReads, r => r.Entry.Allowed);
            Assert.True(carolsReads.Count(r => !r.Entry.Allowed) >= 2);
            Assert.Null(audit.Verify());
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task IngestOneBatchAsync(IServiceProvider services)
    {
        using var key = DeviceKey.Create();
        var store = services.GetRequiredService<IIngestStore>();
        await DeviceEnrollmentService.EnrollAsync(store, key.PublicKeySpki, Patient, TimeProvider.System, default);
        var salt = new byte[BatchFormat.SaltSize];
        var batch = new SensorBatch(key.Id, 0, BatchHash.Zero, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(), 1000, salt,
            [ChannelBlock.FromValues(SensorKind.HeartRate, 1, [72]), ChannelBlock.FromValues(SensorKind.SpO2, 1, [97])]);
        var signed = BatchCodec.Sign(batch, key);
        var result = await services.GetRequiredService<IngestService>().IngestAsync(signed.Bytes, TimeProvider.System.GetUtcNow(), null, default);
        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
    }

    private static async Task<string> TokenAsync(HttpClient http, DemoCredential user)
    {
        var response = await http.PostAsJsonAsync("/api/token", new { username = user.Username, password = user.Password, scope = "user/Observation.read" });
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpStatusCode> SearchAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Observation?patient={Patient}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
