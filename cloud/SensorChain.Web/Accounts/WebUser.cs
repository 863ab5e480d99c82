namespace SensorChain.Web.Accounts;

/// <summary>The signed-in user of a request, with the scopes of its session or token.</summary>
/// <param name="Id">User id.</param>
/// <param name="DisplayName">Display name.</param>
/// <param name="Role">Role.</param>
/// <param name="OrganizationId">Organization, or null.</param>
/// <param name="PatientId">Own patient id (patients), or null.</param>
/// <param name="Scopes">What the session or token may do.</param>
public sealed record WebUser(string Id, string DisplayName, Role Role, string? OrganizationId, string? PatientId, ScopeSet Scopes)
{
    /// <summary>True when <paramref name="patientId"/> is this user's own record.</summary>
    public bool IsOwnRecord(string patientId) => Role == Role.Patient && PatientId == patientId;
}
