using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Cli.Hosting;
using SensorChain.Ingest.Access;
using SensorChain.TestSupport;
using SensorChain.Web.Access;
using SensorChain.Web.Accounts;
using SensorChain.Web.Consent;
using SensorChain.Web.Live;

namespace SensorChain.Web.Tests;

/// <summary>The cloud host (as <c>sensorchain demo</c> builds it) wires the web app's consent seam, ledger records and store trends.</summary>
public sealed class CloudHostCompositionTests
{
    [Fact]
    public async Task The_cloud_host_decides_patient_data_access_by_consent_and_records_consent_on_the_ledger()
    {
        using var dir = new TempDirectory();
        await using var app = await CloudHost.BuildAsync(new CloudHostOptions { DataDirectory = dir.Path, Urls = "http://127.0.0.1:0" }, CancellationToken.None);
        await app.StartAsync();
        try
        {
            const string patient = "pat-host-0001";
            var users = await DemoSeeder.SeedAsync(app.Services, [patient, "pat-host-0002"], CancellationToken.None);
            Assert.IsType<WebPatientDataAccess>(app.Services.GetRequiredService<IPatientDataAccess>());
            Assert.IsType<StoreTrendSource>(app.Services.GetRequiredService<ITrendSource>());

            var access = app.Services.GetRequiredService<IPatientDataAccess>();
            var carol = app.Services.GetRequiredService<AccountStore>().FindByUsername("carol")!;
            var request = new PatientDataAccessRequest(carol.Id, "pat-host-0002", PatientDataCategory.Vitals, PatientDataAction.Read, "Observation search");
            Assert.False(await access.AuthorizeAsync(request, default));
            var consents = app.Services.GetRequiredService<ConsentStore>();
            var grant = await consents.GrantAsync("pat-host-0002", GranteeType.Person, carol.Id, carol.DisplayName, "RelatedPerson", [DataCategory.Vitals], [], null, null, default);
            Assert.True(await access.AuthorizeAsync(request, default));
            var revoked = (await consents.RevokeAsync("pat-host-0002", grant.Id, default))!;
            Assert.False(await access.AuthorizeAsync(request, default));

            var recorder = app.Services.GetRequiredService<LedgerConsentRecorder>();
            Assert.NotNull(await recorder.VerifyAsync(grant, default));
            Assert.NotNull(await recorder.VerifyAsync(revoked, default));

            // The FHIR API needs a signed-in user or a bearer token from the web app.
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/fhir/Observation?patient={patient}")).StatusCode);
            Assert.Contains(users, u => u.Username == "carol");
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
