using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Cli.Hosting;
using SensorChain.Ledger.Embedded;
using SensorChain.Ledger.Entries;
using SensorChain.Ledger.Notes;
using SensorChain.Web.Accounts;
using SensorChain.Web.Audit;
using SensorChain.Web.Consent;
using SensorChain.Web.Tests.Support;

namespace SensorChain.Web.Tests;

/// <summary>
/// Consent changes and audit checkpoints on the embedded ledger, composed as the cloud host composes them: each is a
/// typed entry the consortium rules accept, provably included under a witnessed checkpoint, and free of PHI.
/// </summary>
public sealed class LedgerRecordTests : IAsyncLifetime
{
    private EmbeddedLedgerHost _ledger = null!;
    private WebTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await WebTestHost.StartAsync(auditCheckpointInterval: 3, compose: async (services, dir) =>
        {
            _ledger = await EmbeddedLedgerHost.OpenAsync(dir, TimeProvider.System, CancellationToken.None);
            services.AddSensorChainWebLedger(_ledger);
        });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _ledger.DisposeAsync();
    }

    [Fact]
    public async Task A_grant_and_its_revocation_are_on_the_ledger_and_verifiable()
    {
        var consents = _host.Services.GetRequiredService<ConsentStore>();
        var recorder = _host.Services.GetRequiredService<LedgerConsentRecorder>();
        var carol = _host.Services.GetRequiredService<AccountStore>().FindByUsername("carol")!;
        var grant = await consents.GrantAsync("pat-test-0002", GranteeType.Person, carol.Id, carol.DisplayName, "RelatedPerson", [DataCategory.Glucose], [], null, null, default);
        var revoked = (await consents.RevokeAsync("pat-test-0002", grant.Id, default))!;

        var grantIndex = await recorder.VerifyAsync(grant, default);
        var revokeIndex = await recorder.VerifyAsync(revoked, default);
        Assert.NotNull(grantIndex);
        Assert.True(revokeIndex > grantIndex);
        // A grant the patient never made is not on the ledger.
        Assert.Null(await recorder.VerifyAsync(grant with { Categories = [DataCategory.Glucose, DataCategory.Location] }, default));

        var entry = SignedEntry.Decode(await _ledger.Ledger.ReadEntryAsync(revokeIndex!.Value, default));
        Assert.Equal(LedgerEntryType.ConsentRevoke, entry.Type);
        var bytes = Encoding.UTF8.GetString(entry.Encode());
        Assert.DoesNotContain("pat-test-0002", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(carol.Id, bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("Carol", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_checkpoints_are_on_the_ledger_and_verifiable_and_a_forged_one_is_not()
    {
        var audit = _host.Services.GetRequiredService<AuditLog>();
        for (var i = 0; i < 3; i++)
        {
            await audit.AppendAsync(new AuditEntry("u-x", "X", "Doctor", AuditAction.Read, "pat-test-0001", "Observation read", "TREAT", true), default);
        }

        var anchor = _host.Services.GetRequiredService<LedgerAuditAnchor>();
        var head = audit.Head;
        Assert.Equal(0, head.Sequence % 3);
        Assert.NotNull(await anchor.VerifyAsync(head, default));
        Assert.Null(await anchor.VerifyAsync(head with { Hash = new string('a', 64) }, default));
    }

    [Fact]
    public async Task The_consortium_rules_accept_every_entry_the_web_app_wrote()
    {
        var consents = _host.Services.GetRequiredService<ConsentStore>();
        var grant = await consents.GrantAsync("pat-test-0002", GranteeType.Organization, "org-x", "Org X", "Organization", [DataCategory.Vitals], [], null, null, default);
        await consents.RevokeAsync("pat-test-0002", grant.Id, default);
        var audit = _host.Services.GetRequiredService<AuditLog>();
        for (var i = 0; i < 6; i++)
        {
            await audit.AppendAsync(new AuditEntry("u-x", "X", "Doctor", AuditAction.Read, "pat-test-0001", "Observation read", "TREAT", true), default);
        }

        var orgKey = Ed25519Key.LoadOrCreate(Path.Combine(_host.DataDirectory, "ledger", "keys", _ledger.Organization.Name + ".key"));
        var rules = new ConsortiumRules(new Dictionary<string, byte[]> { [_ledger.Organization.Name] = orgKey.PublicKey }, 1);
        var types = new List<LedgerEntryType>();
        for (long i = 0; i < _ledger.Ledger.Size; i++)
        {
            var bytes = (await _ledger.Ledger.ReadEntryAsync(i, default))!;
            Assert.Null(rules.Apply(bytes));
            types.Add((LedgerEntryType)bytes[0]);
        }

        Assert.Contains(LedgerEntryType.ConsentGrant, types);
        Assert.Contains(LedgerEntryType.ConsentRevoke, types);
        Assert.Contains(LedgerEntryType.AuditCheckpoint, types);
    }
}
