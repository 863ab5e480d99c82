using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Ingest.Access;
using SensorChain.Web.Access;
using SensorChain.Web.Accounts;
using SensorChain.Web.Audit;
using SensorChain.Web.Consent;
using SensorChain.Web.Tests.Support;

namespace SensorChain.Web.Tests;

/// <summary>
/// The web app's <see cref="IPatientDataAccess"/>, called the way the FHIR API calls it: from an endpoint with the
/// caller's user id (<see cref="ClaimTypes.NameIdentifier"/>), so session and bearer-token scopes apply; and, for
/// notifications, outside any request.
/// </summary>
public sealed class PatientDataAccessTests : IAsyncLifetime
{
    private const string Other = "pat-test-0002";
    private WebTestHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await WebTestHost.StartAsync(map: app => app.MapGet("/test/fhir/Observation", async (string patient, ClaimsPrincipal principal, IPatientDataAccess access, CancellationToken ct) =>
            await access.AuthorizeAsync(new PatientDataAccessRequest(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, patient, PatientDataCategory.Vitals,
                PatientDataAction.Read, "Observation search"), ct)
                ? Results.Ok()
                : Results.StatusCode(StatusCodes.Status403Forbidden)).RequireAuthorization());
        _http = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private IPatientDataAccess Access => _host.Services.GetRequiredService<IPatientDataAccess>();

    private UserAccount Account(string username) => _host.Services.GetRequiredService<AccountStore>().FindByUsername(username)!;

    private async Task<HttpStatusCode> ReadAsync(string token, string patient)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/test/fhir/Observation?patient={patient}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await _http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public void The_web_app_replaces_the_open_default()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPatientDataAccess, OpenPatientDataAccess>();
        services.AddSensorChainWeb();
        Assert.Single(services, d => d.ServiceType == typeof(IPatientDataAccess));
        Assert.IsType<WebPatientDataAccess>(_host.Services.GetRequiredService<IPatientDataAccess>());
    }

    [Fact]
    public async Task A_caregiver_without_a_grant_is_refused_then_allowed_after_a_grant_and_refused_at_once_after_revocation()
    {
        var token = await _host.TokenAsync(_http, "carol", "user/Observation.read");
        Assert.Equal(HttpStatusCode.Forbidden, await ReadAsync(token, Other));

        var consents = _host.Services.GetRequiredService<ConsentStore>();
        var carol = Account("carol");
        var grant = await consents.GrantAsync(Other, GranteeType.Person, carol.Id, carol.DisplayName, "RelatedPerson", [DataCategory.Vitals], [], null, null, default);
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(token, Other));

        await consents.RevokeAsync(Other, grant.Id, default);
        Assert.Equal(HttpStatusCode.Forbidden, await ReadAsync(token, Other));
    }

    [Fact]
    public async Task Smart_scopes_of_a_bearer_token_narrow_what_consent_allows()
    {
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(await _host.TokenAsync(_http, "carol", "user/Observation.read"), WebTestHost.PatientId));
        Assert.Equal(HttpStatusCode.Forbidden, await ReadAsync(await _host.TokenAsync(_http, "carol", "user/Consent.read"), WebTestHost.PatientId));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(await _host.TokenAsync(_http, "alice", "patient/Observation.read"), WebTestHost.PatientId));
        Assert.Equal(HttpStatusCode.Forbidden, await ReadAsync(await _host.TokenAsync(_http, "alice", "patient/Observation.read"), Other));
    }

    [Fact]
    public async Task Every_decision_is_audited_with_who_what_when_purpose_and_outcome()
    {
        var before = _host.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(-1);
        var carol = Account("carol");
        Assert.True(await Access.AuthorizeAsync(new(carol.Id, WebTestHost.PatientId, PatientDataCategory.Waveforms, PatientDataAction.Read, "Observation/ecg-1 read"), default));
        Assert.False(await Access.AuthorizeAsync(new(carol.Id, WebTestHost.PatientId, PatientDataCategory.Glucose, PatientDataAction.Read, "Observation/glu-1 read"), default));

        var records = _host.Services.GetRequiredService<AuditLog>().ForPatient(WebTestHost.PatientId);
        var allowed = Assert.Single(records, r => r.Entry.What == "Observation/ecg-1 read");
        Assert.Equal((carol.Id, "Caregiver", AuditAction.Read, "CAREMGT", true), (allowed.Entry.ActorId, allowed.Entry.ActorRole, allowed.Entry.Action, allowed.Entry.Purpose, allowed.Entry.Allowed));
        Assert.True(allowed.Recorded >= before);
        Assert.False(Assert.Single(records, r => r.Entry.What == "Observation/glu-1 read").Entry.Allowed);
        Assert.Null(_host.Services.GetRequiredService<AuditLog>().Verify());
    }

    [Fact]
    public async Task Notifications_follow_consent_by_user_id_or_roster_username_and_unknown_principals_are_refused()
    {
        Assert.True(await Access.AuthorizeAsync(new("dr.dave", Other, PatientDataCategory.Vitals, PatientDataAction.Notify, "Alert spo2-low"), default));
        Assert.False(await Access.AuthorizeAsync(new(Account("carol").Id, Other, PatientDataCategory.Vitals, PatientDataAction.Notify, "Alert spo2-low"), default));
        Assert.False(await Access.AuthorizeAsync(new("on-call", Other, PatientDataCategory.Vitals, PatientDataAction.Notify, "Alert spo2-low"), default));

        var records = _host.Services.GetRequiredService<AuditLog>().ForPatient(Other);
        Assert.Contains(records, r => r.Entry.What == "Notification: Alert spo2-low" && r.Entry.ActorName == "Dr Dave Doe" && r.Entry.Allowed && r.Entry.Action == AuditAction.Execute);
        Assert.Contains(records, r => r.Entry.ActorId == "on-call" && r.Entry.ActorRole == "none" && !r.Entry.Allowed);
    }

    [Fact]
    public async Task A_disabled_user_is_refused_even_with_consent()
    {
        var carol = Account("carol");
        var request = new PatientDataAccessRequest(carol.Id, WebTestHost.PatientId, PatientDataCategory.Vitals, PatientDataAction.Read, "Observation search");
        Assert.True(await Access.AuthorizeAsync(request, default));
        _host.Services.GetRequiredService<AccountStore>().Update(carol.Id, null, null, disabled: true, null);
        Assert.False(await Access.AuthorizeAsync(request, default));
    }

    [Fact]
    public void Every_seam_category_maps_to_the_web_category_of_the_same_name_and_back()
    {
        foreach (var category in Enum.GetValues<PatientDataCategory>())
        {
            var web = DataCategories.From(category);
            Assert.Equal(category.ToString(), web.ToString());
            Assert.Equal(category, DataCategories.ToPatientData(web));
        }

        Assert.Null(DataCategories.ToPatientData(DataCategory.Research));
    }
}
