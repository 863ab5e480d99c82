using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Web.Audit;
using SensorChain.Web.Live;
using SensorChain.Web.Tests.Support;

namespace SensorChain.Web.Tests;

/// <summary>The JSON API over real HTTP (Kestrel on 127.0.0.1): authentication, scopes, role and consent checks, audit.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private WebTestHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await WebTestHost.StartAsync();
        await _host.Feeder.FeedOneAsync(CancellationToken.None);
        _http = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetWithTokenAsync(string username, string scope, string path)
    {
        var response = await _http.PostAsJsonAsync("/api/token", new { username, password = _host.User(username).Password, scope });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task Calls_without_credentials_get_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync($"/api/patients/{WebTestHost.PatientId}/vitals")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/patients");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_gets_no_token()
    {
        var response = await _http.PostAsJsonAsync("/api/token", new { username = "carol", password = "wrong-password", scope = "user/*.read" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_patient_token_reads_the_own_vitals_but_not_another_patient()
    {
        var own = await GetWithTokenAsync("alice", "patient/Observation.read", $"/api/patients/{WebTestHost.PatientId}/vitals");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("heartRate", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetWithTokenAsync("alice", "patient/Observation.read", "/api/patients/pat-test-0002/vitals")).StatusCode);
    }

    [Fact]
    public async Task Scopes_narrow_a_token_even_when_consent_allows()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetWithTokenAsync("carol", "user/Observation.read", $"/api/patients/{WebTestHost.PatientId}/vitals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetWithTokenAsync("carol", "user/Consent.read", $"/api/patients/{WebTestHost.PatientId}/vitals")).StatusCode);
        // patient/ scopes only cover the caller's own record; Carol is not the patient.
        Assert.Equal(HttpStatusCode.Forbidden, (await GetWithTokenAsync("carol", "patient/Observation.read", $"/api/patients/{WebTestHost.PatientId}/vitals")).StatusCode);
    }

    [Fact]
    public async Task Organization_admins_and_researchers_get_no_identified_patient_data()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await GetWithTokenAsync("olivia", "user/*.read", $"/api/patients/{WebTestHost.PatientId}/vitals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetWithTokenAsync("rita", "user/*.read", $"/api/patients/{WebTestHost.PatientId}/trend")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetWithTokenAsync("olivia", "user/*.read", "/api/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task Every_access_and_every_denial_is_audited_for_the_patient()
    {
        await GetWithTokenAsync("carol", "user/*.read", $"/api/patients/{WebTestHost.PatientId}/vitals");
        await GetWithTokenAsync("olivia", "user/*.read", $"/api/patients/{WebTestHost.PatientId}/vitals");
        var records = _host.Services.GetRequiredService<AuditLog>().ForPatient(WebTestHost.PatientId);
        Assert.Contains(records, r => r.Entry.ActorName.StartsWith("Carol", StringComparison.Ordinal) && r.Entry.Allowed && r.Entry.Purpose == "CAREMGT");
        Assert.Contains(records, r => r.Entry.ActorName == "Olivia Admin" && !r.Entry.Allowed);
        Assert.Null(_host.Services.GetRequiredService<AuditLog>().Verify());
    }

    [Fact]
    public async Task Doctors_see_private_fields_only_where_the_grant_reveals_them()
    {
        var response = await GetWithTokenAsync("dr.dave", "user/*.read", $"/api/patients/{WebTestHost.PatientId}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var profile = json.RootElement.GetProperty("profile");
        Assert.Equal("+1 555 0100", profile.GetProperty("phone").GetString());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("address").ValueKind);
    }

    [Fact]
    public void The_front_end_bundle_is_embedded()
    {
        Assert.True(StaticAssets.Exists("wwwroot/dist/app.js"));
        Assert.True(StaticAssets.Exists("wwwroot/index.html"));
    }

    [Fact]
    public async Task A_live_stream_filters_categories_and_closes_when_consent_is_revoked()
    {
        var hub = _host.Services.GetRequiredService<LiveHub>();
        var carol = new Accounts.WebUser(
            Assert.IsType<Accounts.UserAccount>(_host.Services.GetRequiredService<Accounts.AccountStore>().FindByUsername("carol")).Id,
            "Carol", Accounts.Role.Caregiver, null, null, Accounts.ScopeSet.Session);
        using var subscription = hub.Subscribe(carol, WebTestHost.PatientId);
        await _host.Feeder.FeedOneAsync(CancellationToken.None);
        Assert.True(subscription.Frames.TryRead(out var frame));
        Assert.Contains(frame.Waves, w => w.Name == "ecg");
        Assert.DoesNotContain(frame.Waves, w => w.Name.StartsWith("accel", StringComparison.Ordinal));
        Assert.Null(frame.Vitals.Glucose);

        var consents = _host.Services.GetRequiredService<Consent.ConsentStore>();
        var grant = consents.ForPatient(WebTestHost.PatientId).Single(g => g.GranteeId == carol.Id);
        await consents.RevokeAsync(WebTestHost.PatientId, grant.Id, CancellationToken.None);
        Assert.True(subscription.Revoked);
        Assert.True(subscription.Frames.Completion.IsCompleted);
    }
}
