using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Web.Accounts;
using SensorChain.Web.Tests.Support;

namespace SensorChain.Web.Tests;

/// <summary>Organization-admin user management over HTTP: edit, disable, token listing and revocation take effect at the next request.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private WebTestHost _host = null!;
    private HttpClient _http = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await WebTestHost.StartAsync();
        await _host.Feeder.FeedOneAsync(CancellationToken.None);
        _http = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
        _admin = await _host.TokenAsync(_http, "olivia", "user/*.*");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private string Id(string username) => _host.Services.GetRequiredService<AccountStore>().FindByUsername(username)!.Id;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _http.SendAsync(request);
    }

    private Task<HttpResponseMessage> VitalsAsync(string token) => SendAsync(HttpMethod.Get, $"/api/patients/{WebTestHost.PatientId}/vitals", token);

    [Fact]
    public async Task Disabling_a_user_refuses_their_token_and_session_at_once_and_re_enabling_allows_sign_in_again()
    {
        var carolToken = await _host.TokenAsync(_http, "carol", "user/*.read");
        using var cookies = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(_host.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await cookies.PostAsJsonAsync("/api/session", new { username = "carol", password = _host.User("carol").Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookies.GetAsync("/api/me")).StatusCode);

        var carol = new WebUser(Id("carol"), "Carol", Role.Caregiver, null, null, ScopeSet.Session);
        using var stream = _host.Services.GetRequiredService<Live.LiveHub>().Subscribe(carol, WebTestHost.PatientId);
        var disabled = await SendAsync(HttpMethod.Put, $"/api/admin/users/{Id("carol")}", _admin, new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());

        Assert.Equal(HttpStatusCode.Unauthorized, (await VitalsAsync(carolToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookies.GetAsync("/api/me")).StatusCode);
        Assert.True(stream.Revoked, "the disabled user's open live stream was not closed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostAsJsonAsync("/api/token", new { username = "carol", password = _host.User("carol").Password })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, $"/api/admin/users/{Id("carol")}", _admin, new { disabled = false, displayName = "Carol (daughter)" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VitalsAsync(await _host.TokenAsync(_http, "carol", "user/*.read"))).StatusCode);
        Assert.Equal("Carol (daughter)", _host.Services.GetRequiredService<AccountStore>().FindByUsername("carol")!.DisplayName);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once_while_the_user_s_other_tokens_still_work()
    {
        var first = await _host.TokenAsync(_http, "dr.dave", "user/*.read");
        var second = await _host.TokenAsync(_http, "dr.dave", "user/Observation.read");
        var tokens = await (await SendAsync(HttpMethod.Get, $"/api/admin/users/{Id("dr.dave")}/tokens", _admin)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, tokens.GetArrayLength());
        Assert.DoesNotContain(first, tokens.ToString(), StringComparison.Ordinal);

        var target = tokens.EnumerateArray().Single(t => t.GetProperty("scopes").GetString() == "user/*.read").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/admin/users/{Id("dr.dave")}/tokens/{target}/revoke", _admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await VitalsAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VitalsAsync(second)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/admin/users/{Id("dr.dave")}/tokens/revoke", _admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await VitalsAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/admin/users/{Id("dr.dave")}/tokens/{target}/revoke", _admin)).StatusCode);
    }

    [Fact]
    public async Task Only_organization_admins_manage_users_and_only_their_own_organization_s()
    {
        var dave = await _host.TokenAsync(_http, "dr.dave", "user/*.*");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, "/api/admin/users", dave)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Put, $"/api/admin/users/{Id("carol")}", dave, new { disabled = true })).StatusCode);

        var outsider = _host.Services.GetRequiredService<AccountStore>().Create("dr.eve", "eve-password-1", "Dr Eve", Role.Doctor, "org-elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Put, $"/api/admin/users/{outsider.Id}", _admin, new { disabled = true })).StatusCode);
        var list = await (await SendAsync(HttpMethod.Get, "/api/admin/users", _admin)).Content.ReadAsStringAsync();
        Assert.Contains("dr.dave", list, StringComparison.Ordinal);
        Assert.DoesNotContain("dr.eve", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_edits_are_refused_with_a_reason()
    {
        var toPatient = await SendAsync(HttpMethod.Put, $"/api/admin/users/{Id("carol")}", _admin, new { role = "Patient" });
        Assert.Equal(HttpStatusCode.BadRequest, toPatient.StatusCode);
        Assert.Contains("patient", await toPatient.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Put, $"/api/admin/users/{Id("carol")}", _admin, new { password = "short" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Put, $"/api/admin/users/{Id("olivia")}", _admin, new { disabled = true })).StatusCode);
    }
}
