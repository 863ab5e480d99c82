using System.Buffers.Binary;
using SensorChain.Ledger.Notes;

namespace SensorChain.Ledger.Entries;

/// <summary>
/// The consortium's deterministic rules ("smart contracts"), applied by every node to every typed entry in log order.
/// Same entries in the same order give the same state and the same verdicts on every node.
/// <list type="bullet">
/// <item>DeviceEnrollment [device id, patient pseudonym hash, org]: signed by that org, a current member; a device
/// enrolled by one org cannot be claimed by another.</item>
/// <item>ConsentGrant / ConsentRevoke [patient public key (32), grantee org, scope]: signed by the patient's key;
/// a revoke needs a prior grant.</item>
/// <item>AuditCheckpoint [org, audit chain size (8, BE), head hash (32)]: signed by the org; size never decreases.</item>
/// <item>MembershipChange [add|remove, member name, member public key (32)]: signed by at least <see cref="Quorum"/>
/// distinct current members; a removal must leave at least <see cref="Quorum"/> members.</item>
/// </list>
/// </summary>
public sealed class ConsortiumRules
{
    private readonly Dictionary<string, byte[]> _members;
    private readonly Dictionary<string, string> _devices = [];
    private readonly HashSet<(string Patient, string Grantee, string Scope)> _consents = [];
    private readonly Dictionary<string, long> _auditSizes = [];

    /// <summary>Starts from the founding members (name → Ed25519 public key) and quorum.</summary>
    public ConsortiumRules(IReadOnlyDictionary<string, byte[]> founders, int quorum)
    {
        _members = founders.ToDictionary(m => m.Key, m => m.Value);
        Quorum = quorum;
    }

    /// <summary>Signatures needed for a membership change.</summary>
    public int Quorum { get; }

    /// <summary>Current members.</summary>
    public IReadOnlyCollection<string> Members => _members.Keys;

    /// <summary>The org that enrolled <paramref name="deviceHex"/>, or null.</summary>
    public string? EnrolledBy(string deviceHex) => _devices.GetValueOrDefault(deviceHex);

    /// <summary>True when the patient's consent for grantee/scope is in force.</summary>
    public bool HasConsent(byte[] patientKey, string grantee, string scope) => _consents.Contains((Convert.ToHexString(patientKey), grantee, scope));

    /// <summary>Checks and applies an entry; returns null when accepted, else the reason it was rejected (state unchanged).</summary>
    public string? Apply(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 0 && bytes[0] == (byte)LedgerEntryType.BatchAnchor)
        {
            return bytes.Length == AnchorLeaf.Length ? null : "malformed batch anchor";
        }

        SignedEntry entry;
        try
        {
            entry = SignedEntry.Decode(bytes);
        }
        catch (InvalidDataException e)
        {
            return "malformed entry: " + e.Message;
        }

        var signed = entry.SignedBytes();
        bool SignedBy(string name, byte[] key) => entry.Signatures.Any(s => s.Signer == name && Ed25519Key.Verify(key, signed, s.Signature));

        switch (entry.Type)
        {
            case LedgerEntryType.DeviceEnrollment when entry.Fields.Count == 3:
                {
                    var device = Convert.ToHexString(entry.Fields[0]);
                    var org = entry.Text(2);
                    if (entry.Fields[0].Length != 16 || entry.Fields[1].Length != 32)
                    {
                        return "enrollment needs a 16-byte device id and a 32-byte patient pseudonym hash";
                    }

                    if (!_members.TryGetValue(org, out var key) || !SignedBy(org, key))
                    {
                        return $"enrollment must be signed by a member organization ({org})";
                    }

                    if (_devices.TryGetValue(device, out var owner) && owner != org)
                    {
                        return $"device already enrolled by {owner}";
                    }

                    _devices[device] = org;
                    return null;
                }

            case LedgerEntryType.ConsentGrant or LedgerEntryType.ConsentRevoke when entry.Fields.Count == 3:
                {
                    var patientKey = entry.Fields[0];
                    if (patientKey.Length != 32 || !entry.Signatures.Any(s => Ed25519Key.Verify(patientKey, signed, s.Signature)))
                    {
                        return "consent must be signed by the patient's key";
                    }

                    var consent = (Convert.ToHexString(patientKey), entry.Text(1), entry.Text(2));
                    if (entry.Type == LedgerEntryType.ConsentRevoke)
                    {
                        return _consents.Remove(consent) ? null : "no consent in force to revoke";
                    }

                    _consents.Add(consent);
                    return null;
                }

            case LedgerEntryType.AuditCheckpoint when entry.Fields.Count == 3:
                {
                    var org = entry.Text(0);
                    if (!_members.TryGetValue(org, out var key) || !SignedBy(org, key))
                    {
                        return $"audit checkpoint must be signed by a member organization ({org})";
                    }

                    if (entry.Fields[1].Length != 8 || entry.Fields[2].Length != 32)
                    {
                        return "audit checkpoint needs an 8-byte size and a 32-byte head hash";
                    }

                    var size = BinaryPrimitives.ReadInt64BigEndian(entry.Fields[1]);
                    if (size < _auditSizes.GetValueOrDefault(org))
                    {
                        return "audit chain size went backwards";
                    }

                    _auditSizes[org] = size;
                    return null;
                }

            case LedgerEntryType.MembershipChange when entry.Fields.Count == 3:
                {
                    var action = entry.Text(0);
                    var member = entry.Text(1);
                    var signers = entry.Signatures.Select(s => s.Signer).Distinct()
                        .Count(name => _members.TryGetValue(name, out var key) && SignedBy(name, key));
                    if (signers < Quorum)
                    {
                        return $"membership change needs {Quorum} member signatures, has {signers}";
                    }

                    if (action == "add" && entry.Fields[2].Length == 32 && !_members.ContainsKey(member) && NoteKeys.IsValidKeyName(member))
                    {
                        _members[member] = entry.Fields[2];
                        return null;
                    }

                    if (action == "remove" && _members.ContainsKey(member) && _members.Count - 1 >= Quorum)
                    {
                        _members.Remove(member);
                        return null;
                    }

                    return $"membership change '{action} {member}' is not allowed";
                }

            default:
                return $"entry of type {entry.Type} has the wrong number of fields";
        }
    }
}
