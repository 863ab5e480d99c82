namespace SensorChain.Web.Consent;

/// <summary>A patient's permission for one grantee, kept as a FHIR Consent (see <see cref="ConsentFhir"/>).</summary>
/// <param name="Id">Consent id.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="Grantee">Person, organization or research.</param>
/// <param name="GranteeId">User id or organization id (empty for research).</param>
/// <param name="GranteeDisplay">Name shown to the patient.</param>
/// <param name="Categories">Data categories granted.</param>
/// <param name="RevealedFields">Private profile fields this grantee may see.</param>
/// <param name="Start">Start of the period, or null for now.</param>
/// <param name="End">End of the period, or null for open-ended.</param>
/// <param name="Active">False once revoked.</param>
/// <param name="Version">Version, incremented by each change.</param>
/// <param name="UpdatedAt">Time of the last change.</param>
public sealed record ConsentGrant(
    string Id,
    string PatientId,
    GranteeType Grantee,
    string GranteeId,
    string GranteeDisplay,
    IReadOnlyList<DataCategory> Categories,
    IReadOnlyList<string> RevealedFields,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    bool Active,
    int Version,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True when active and <paramref name="now"/> lies within the period.</summary>
    public bool InForceAt(DateTimeOffset now) => Active && (Start is null || Start <= now) && (End is null || now < End);
}
