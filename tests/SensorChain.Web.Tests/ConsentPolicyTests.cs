using Microsoft.Data.Sqlite;
using SensorChain.TestSupport;
using SensorChain.Web.Accounts;
using SensorChain.Web.Consent;
using SensorChain.Web.Storage;

namespace SensorChain.Web.Tests;

public sealed class ConsentPolicyTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new();
    private readonly ConsentStore _consents;
    private readonly AccessPolicy _policy;
    private readonly RecordingLedger _ledger = new();

    private static readonly WebUser Carol = new("u-carol", "Carol", Role.Caregiver, null, null, ScopeSet.Session);
    private static readonly WebUser Dave = new("u-dave", "Dave", Role.Doctor, "org-h", null, ScopeSet.Session);
    private static readonly WebUser Olivia = new("u-olivia", "Olivia", Role.OrganizationAdmin, "org-h", null, ScopeSet.Session);
    private static readonly WebUser Alice = new("u-alice", "Alice", Role.Patient, null, "p1", ScopeSet.Session);

    public ConsentPolicyTests()
    {
        _consents = new ConsentStore(new WebDatabase(_dir.File("web.db")), _ledger, _time);
        _policy = new AccessPolicy(_consents, _time);
    }

    [Fact]
    public async Task A_person_grant_gives_exactly_the_granted_categories_until_revoked()
    {
        var grant = await _consents.GrantAsync("p1", GranteeType.Person, Carol.Id, "Carol", "RelatedPerson", [DataCategory.Vitals], [], null, null, default);
        Assert.True(_policy.Allows(Carol, "p1", DataCategory.Vitals));
        Assert.False(_policy.Allows(Carol, "p1", DataCategory.Waveforms));
        Assert.False(_policy.Allows(Carol, "p2", DataCategory.Vitals));
        Assert.Equal(["p1"], _policy.VisiblePatients(Carol));

        await _consents.RevokeAsync("p1", grant.Id, default);
        Assert.Empty(_policy.AllowedCategories(Carol, "p1"));
        Assert.Empty(_policy.VisiblePatients(Carol));
    }

    [Fact]
    public async Task A_grant_for_a_period_ends_on_time()
    {
        var now = _time.GetUtcNow();
        await _consents.GrantAsync("p1", GranteeType.Person, Carol.Id, "Carol", "RelatedPerson", [DataCategory.Vitals], [], now.AddHours(1), now.AddHours(2), default);
        Assert.False(_policy.Allows(Carol, "p1", DataCategory.Vitals));
        _time.Advance(TimeSpan.FromMinutes(61));
        Assert.True(_policy.Allows(Carol, "p1", DataCategory.Vitals));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(_policy.Allows(Carol, "p1", DataCategory.Vitals));
    }

    [Fact]
    public async Task An_organization_grant_reaches_its_doctors_but_not_its_admins()
    {
        await _consents.GrantAsync("p1", GranteeType.Organization, "org-h", "Hospital", "Organization", [DataCategory.Vitals, DataCategory.Glucose], [], null, null, default);
        Assert.True(_policy.Allows(Dave, "p1", DataCategory.Glucose));
        Assert.Empty(_policy.AllowedCategories(Olivia, "p1"));
        Assert.Empty(_policy.AllowedCategories(Carol, "p1"));
    }

    [Fact]
    public void Patients_see_their_own_record_only()
    {
        Assert.Contains(DataCategory.Waveforms, _policy.AllowedCategories(Alice, "p1"));
        Assert.Empty(_policy.AllowedCategories(Alice, "p2"));
    }

    [Fact]
    public async Task Consents_are_stored_as_FHIR_Consent_recorded_on_the_ledger_and_survive_a_restart()
    {
        var grant = await _consents.GrantAsync("p1", GranteeType.Person, Carol.Id, "Carol", "RelatedPerson", [DataCategory.Vitals, DataCategory.Waveforms], ["phone"], null, null, default);
        await _consents.RevokeAsync("p1", grant.Id, default);
        using var json = System.Text.Json.JsonDocument.Parse(_consents.FhirJson(grant.Id)!);
        var root = json.RootElement;
        Assert.Equal("Consent", root.GetProperty("resourceType").GetString());
        Assert.Equal("inactive", root.GetProperty("status").GetString());
        Assert.Equal("Patient/p1", root.GetProperty("patient").GetProperty("reference").GetString());
        Assert.Equal("RelatedPerson/u-carol", root.GetProperty("provision").GetProperty("actor")[0].GetProperty("reference").GetProperty("reference").GetString());
        Assert.Equal(2, root.GetProperty("provision").GetProperty("class").GetArrayLength());
        Assert.Equal([(grant.Id, 1), (grant.Id, 2)], _ledger.Recorded.Select(r => (r.Id, r.Version)));
        Assert.Equal([true, false], _ledger.Recorded.Select(r => r.Active));

        var reopened = new ConsentStore(new WebDatabase(_dir.File("web.db")), _ledger, _time);
        Assert.False(reopened.Find(grant.Id)!.Active);
    }

    [Fact]
    public async Task A_revoked_viewer_s_private_fields_are_hidden_again()
    {
        var profile = new PatientProfile("p1", "Alice", new DateOnly(1950, 1, 2), "+1 555", "Street 1", ["phone", "address"]);
        var grant = await _consents.GrantAsync("p1", GranteeType.Person, Carol.Id, "Carol", "RelatedPerson", [DataCategory.Vitals], ["phone"], null, null, default);
        var shown = profile.Redacted(_policy.RevealedFields(Carol, "p1"));
        Assert.Equal("+1 555", shown.Phone);
        Assert.Null(shown.Address);
        await _consents.RevokeAsync("p1", grant.Id, default);
        Assert.Null(profile.Redacted(_policy.RevealedFields(Carol, "p1")).Phone);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private sealed class RecordingLedger : IConsentLedger
    {
        public List<(string Id, int Version, bool Active)> Recorded { get; } = [];

        public ValueTask RecordAsync(ConsentGrant grant, CancellationToken cancellationToken)
        {
            Recorded.Add((grant.Id, grant.Version, grant.Active));
            return ValueTask.CompletedTask;
        }
    }
}
