using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SensorChain.FirmwareSim;
using SensorChain.Web.Tests.Support;
using Xunit.Abstractions;

namespace SensorChain.Web.Tests;

/// <summary>The dashboard in real Chromium against the app on Kestrel, fed by simulator batches.</summary>
public sealed class BrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task Caregiver_signs_in_and_sees_waveforms_update_live()
    {
        await using var host = await WebTestHost.StartAsync();
        host.Feeder.Start(TimeSpan.FromMilliseconds(250));
        var page = await Pages.SignInAsync(browser.Browser, host, "carol");

        await page.Locator("#patients a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("Live", Soon);
        await WaitForFramesAsync(page, 3);
        var first = await FramesAsync(page);
        await WaitForFramesAsync(page, first + 4);
        Assert.True(await FramesAsync(page) > first, "frames did not keep arriving");
        await Assertions.Expect(page.Locator("#vital-hr")).Not.ToHaveTextAsync("–");
        Assert.Equal(1, await page.Locator("#ecg-chart canvas").CountAsync());
        // Carol was granted vitals and waveforms only: glucose stays hidden.
        await Assertions.Expect(page.Locator("#vital-glucose")).ToHaveTextAsync("–");
        await BrowserFixture.ShotAsync(page, "live-view-caregiver");

        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ShotAsync(page, "live-view-phone");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the live view scrolls sideways on a phone-sized screen");
    }

    [Fact]
    public async Task Alert_appears_within_seconds_of_a_desaturation_and_can_be_acknowledged()
    {
        await using var host = await WebTestHost.StartAsync();
        host.Feeder.Start(TimeSpan.FromMilliseconds(500));
        var page = await Pages.SignInAsync(browser.Browser, host, "dr.dave");
        await page.GotoAsync("/#/alerts");
        await Assertions.Expect(page.Locator("#alert-list")).ToContainTextAsync("No alerts.");

        // Scenario event: the patient desaturates (hypoxaemia scenario, already past its onset and ramp).
        var clock = Stopwatch.StartNew();
        host.Feeder.Patient = new VirtualPatient(7, Scenario.Hypoxemia, host.Feeder.NextWindowStartMs - 600_000);
        var alert = page.Locator(".alert-item[data-state=Open]", new PageLocatorOptions { HasText = "SpO2 below 90" });
        await Assertions.Expect(alert).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
        output.WriteLine($"alert visible {clock.ElapsedMilliseconds} ms after the scenario event");
        await BrowserFixture.ShotAsync(page, "alert-open");

        await alert.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Acknowledge" }).ClickAsync();
        var acknowledged = page.Locator(".alert-item[data-state=Acknowledged]", new PageLocatorOptions { HasText = "SpO2 below 90" });
        await Assertions.Expect(acknowledged).ToContainTextAsync("by Dr Dave Doe");
        await BrowserFixture.ShotAsync(page, "alert-acknowledged");
    }

    [Fact]
    public async Task A_doctor_escalates_an_alert_from_the_inbox_and_the_escalation_is_audited()
    {
        await using var host = await WebTestHost.StartAsync();
        host.Feeder.Start(TimeSpan.FromMilliseconds(500));
        var page = await Pages.SignInAsync(browser.Browser, host, "dr.dave");
        await page.GotoAsync("/#/alerts");
        host.Feeder.Patient = new VirtualPatient(11, Scenario.Hypoxemia, host.Feeder.NextWindowStartMs - 600_000);
        var alert = page.Locator(".alert-item[data-state=Open]", new PageLocatorOptions { HasText = "SpO2 below 90" });
        await Assertions.Expect(alert).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });

        await alert.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Escalate" }).ClickAsync();
        var escalated = page.Locator(".alert-item[data-state=Escalated]", new PageLocatorOptions { HasText = "SpO2 below 90" });
        await Assertions.Expect(escalated).ToContainTextAsync("by Dr Dave Doe");
        // An escalated alert no longer offers the actions of an open one.
        Assert.Equal(0, await escalated.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Escalate" }).CountAsync());
        await BrowserFixture.ShotAsync(page, "alert-escalated");

        var audit = host.Services.GetRequiredService<Audit.AuditLog>().ForPatient(WebTestHost.PatientId);
        Assert.Contains(audit, r => r.Entry.What == "Alert escalated" && r.Entry.ActorName == "Dr Dave Doe" && r.Entry.Allowed);
    }

    [Fact]
    public async Task An_admin_disables_a_caregiver_in_the_users_view_and_the_caregiver_s_session_ends()
    {
        await using var host = await WebTestHost.StartAsync();
        var carol = await Pages.SignInAsync(browser.Browser, host, "carol");
        var olivia = await Pages.SignInAsync(browser.Browser, host, "olivia");
        await olivia.GotoAsync("/#/users");
        await olivia.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Disable Carol Example (daughter)" }).ClickAsync();
        await Assertions.Expect(olivia.Locator("#users tr[data-user=carol] .user-state")).ToHaveTextAsync("disabled");
        await BrowserFixture.ShotAsync(olivia, "admin-users");

        await carol.ReloadAsync();
        await Assertions.Expect(carol.Locator("#login-view")).ToBeVisibleAsync();
        await carol.GetByLabel("Username").FillAsync("carol");
        await carol.GetByLabel("Password").FillAsync(host.User("carol").Password);
        await carol.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(carol.Locator("#login-error")).ToContainTextAsync("Sign-in failed");
    }

    [Fact]
    public async Task Revoked_caregiver_loses_access_immediately()
    {
        await using var host = await WebTestHost.StartAsync();
        host.Feeder.Start(TimeSpan.FromMilliseconds(250));
        using var api = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var token = await TokenAsync(api, host, "carol", "user/Observation.read");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await WaitUntilAsync(async () => (await api.GetAsync($"/api/patients/{WebTestHost.PatientId}/vitals")).StatusCode == HttpStatusCode.OK);

        var carol = await Pages.SignInAsync(browser.Browser, host, "carol");
        await carol.GotoAsync($"/#/patient/{WebTestHost.PatientId}");
        await Assertions.Expect(carol.Locator("#live-status")).ToHaveTextAsync("Live", Soon);
        await WaitForFramesAsync(carol, 2);

        var alice = await Pages.SignInAsync(browser.Browser, host, "alice");
        await alice.GotoAsync("/#/consent");
        await alice.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Revoke access of Carol Example (daughter)" }).ClickAsync();
        await Assertions.Expect(alice.Locator("[data-grantee='Carol Example (daughter)'] .consent-state")).ToHaveTextAsync("revoked");
        await BrowserFixture.ShotAsync(alice, "consent-revoked");

        await Assertions.Expect(carol.Locator("#live-empty")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });
        await Assertions.Expect(carol.Locator("#live-status")).ToContainTextAsync("Access ended");
        Assert.Equal(0, await carol.Locator("#ecg-chart").CountAsync());
        await BrowserFixture.ShotAsync(carol, "caregiver-after-revoke");

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/patients/{WebTestHost.PatientId}/vitals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/patients/{WebTestHost.PatientId}/trend")).StatusCode);

        await carol.GotoAsync("/#/patients");
        await Assertions.Expect(carol.Locator("#patients")).ToContainTextAsync("No patients have shared data with you.");
    }

    [Fact]
    public async Task Patient_sees_the_caregivers_accesses_in_the_audit_view()
    {
        await using var host = await WebTestHost.StartAsync();
        host.Feeder.Start(TimeSpan.FromMilliseconds(500));
        var carol = await Pages.SignInAsync(browser.Browser, host, "carol");
        await carol.GotoAsync($"/#/patient/{WebTestHost.PatientId}");
        await Assertions.Expect(carol.Locator("#live-status")).ToHaveTextAsync("Live", Soon);

        var alice = await Pages.SignInAsync(browser.Browser, host, "alice");
        await alice.GotoAsync("/#/audit");
        var rows = alice.Locator("#audit tr[data-actor='Carol Example (daughter)']");
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasText = "live stream" })).ToHaveCountAsync(1);
        await BrowserFixture.ShotAsync(alice, "audit-view");

        await alice.GotoAsync($"/report/access/{WebTestHost.PatientId}");
        await Assertions.Expect(alice.Locator("body")).ToContainTextAsync("audit chain verified intact");
        await Assertions.Expect(alice.Locator("table")).ToContainTextAsync("Carol Example (daughter)");
        await alice.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await alice.Locator("button").IsVisibleAsync(), "the print button should be hidden when printing");
        await BrowserFixture.ShotAsync(alice, "access-report-print");
    }

    private static async Task<string> TokenAsync(HttpClient api, WebTestHost host, string username, string scope)
    {
        var response = await api.PostAsJsonAsync("/api/token", new { username, password = host.User(username).Password, scope });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<int> FramesAsync(IPage page) =>
        int.Parse(await page.Locator("#live-view").GetAttributeAsync("data-frames") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task WaitForFramesAsync(IPage page, int atLeast) =>
        await WaitUntilAsync(async () => await FramesAsync(page) >= atLeast);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException("condition not met within 20 s");
            }

            await Task.Delay(100);
        }
    }
}
