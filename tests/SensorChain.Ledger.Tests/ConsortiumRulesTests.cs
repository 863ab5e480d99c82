using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SensorChain.Ledger.Entries;
using SensorChain.Ledger.Notes;

namespace SensorChain.Ledger.Tests;

public sealed class ConsortiumRulesTests
{
    private readonly Dictionary<string, Ed25519Key> _keys = new()
    {
        ["org-a"] = Ed25519Key.Create(),
        ["org-b"] = Ed25519Key.Create(),
        ["org-c"] = Ed25519Key.Create(),
    };

    private ConsortiumRules NewRules() => new(_keys.ToDictionary(k => k.Key, k => k.Value.PublicKey), 2);

    private static byte[] Sign(LedgerEntryType type, byte[][] fields, params (string Name, Ed25519Key Key)[] signers)
    {
        var unsigned = new SignedEntry(type, fields, []);
        var signed = unsigned.SignedBytes();
        return (unsigned with { Signatures = [.. signers.Select(s => (s.Name, s.Key.Sign(signed)))] }).Encode();
    }

    private static byte[] T(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Device_enrollment_needs_a_member_signature_and_cannot_be_claimed_twice()
    {
        var rules = NewRules();
        var device = new byte[16];
        var pseudonym = new byte[32];
        Assert.Null(rules.Apply(Sign(LedgerEntryType.DeviceEnrollment, [device, pseudonym, T("org-a")], ("org-a", _keys["org-a"]))));
        Assert.Equal("org-a", rules.EnrolledBy(Convert.ToHexString(device)));
        Assert.NotNull(rules.Apply(Sign(LedgerEntryType.DeviceEnrollment, [device, pseudonym, T("org-b")], ("org-b", _keys["org-b"]))));
        Assert.NotNull(rules.Apply(Sign(LedgerEntryType.DeviceEnrollment, [new byte[16], pseudonym, T("org-x")], ("org-x", Ed25519Key.Create()))));
        Assert.NotNull(rules.Apply(Sign(LedgerEntryType.DeviceEnrollment, [new byte[16], pseudonym, T("org-a")], ("org-a", _keys["org-b"]))));
    }

    [Fact]
    public void Consent_is_granted_and_revoked_only_by_the_patient_key()
    {
        var rules = NewRules();
        var patient = Ed25519Key.Create();
        byte[][] fields = [patient.PublicKey, T("org-b"), T("vitals:read")];
        Assert.NotNull(rules.Apply(Sign(LedgerEntryType.ConsentGrant, fields, ("p", Ed25519Key.Create()))));
        Assert.Null(rules.Apply(Sign(LedgerEntryType.ConsentGrant, fields, ("p", patient))));
        Assert.True(rules.HasConsent(patient.PublicKey, "org-b", "vitals:read"));
        Assert.Null(rules.Apply(Sign(LedgerEntryType.ConsentRevoke, fields, ("p", patient))));
        Assert.False(rules.HasConsent(patient.PublicKey, "org-b", "vitals:read"));
        Assert.NotNull(rules.Apply(Sign(LedgerEntryType.ConsentRevoke, fields, ("p", patient))));
    }

    [Fact]
    public void Membership_change_needs_k_of_n_member_signatures()
    {
        var rules = NewRules();
        var newcomer = Ed25519Key.Create();
        byte[][] add = [T("add"), T("org-d"), newcomer.PublicKey];
        Assert.NotNull(rules.Apply(Sign(LedgerEntryType.MembershipChange, add, ("org-a", _keys["org-a"]))));
        Assert.NotNull(rules.Apply(Sign(LedgerEntryType.MembershipChange, add, ("org-a", _keys["org-a"]), ("org-a", _keys["org-a"]))));
        Assert.Null(rules.Apply(Sign(LedgerEntryType.MembershipChange, add, ("org-a", _keys["org-a"]), ("org-c", _keys["org-c"]))));
        Assert.Contains("org-d", rules.Members);
    }

    [Fact]
    public void Audit_checkpoints_never_go_backwards()
    {
        var rules = NewRules();
        byte[] Size(long n)
        {
            var bytes = new byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, n);
            return bytes;
        }

        Assert.Null(rules.Apply(Sign(LedgerEntryType.AuditCheckpoint, [T("org-a"), Size(10), new byte[32]], ("org-a", _keys["org-a"]))));
        Assert.NotNull(rules.Apply(Sign(LedgerEntryType.AuditCheckpoint, [T("org-a"), Size(9), new byte[32]], ("org-a", _keys["org-a"]))));
    }

    [Fact]
    public void Garbage_entries_are_rejected_without_throwing()
    {
        var rules = NewRules();
        Prop.ForAll<byte[]>(bytes => rules.Apply(bytes ?? []) is not null || (bytes is { Length: AnchorLeaf.Length } && bytes[0] == 1)).QuickCheckThrowOnFailure();
    }
}
