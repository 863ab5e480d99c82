namespace SensorChain.Ledger.Entries;

/// <summary>The first byte of every ledger entry.</summary>
public enum LedgerEntryType : byte
{
    /// <summary>A batch anchor: commitment, submitting org key ID, hour bucket.</summary>
    BatchAnchor = 1,

    /// <summary>A device enrolled for a pseudonymous patient by a member organization.</summary>
    DeviceEnrollment = 2,

    /// <summary>A consent grant signed by the patient's key.</summary>
    ConsentGrant = 3,

    /// <summary>A consent revocation signed by the patient's key.</summary>
    ConsentRevoke = 4,

    /// <summary>A checkpoint of the access-audit chain.</summary>
    AuditCheckpoint = 5,

    /// <summary>A membership change signed by k of n members.</summary>
    MembershipChange = 6,
}
