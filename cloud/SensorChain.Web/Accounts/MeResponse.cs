namespace SensorChain.Web.Accounts;

/// <summary>The signed-in user as the front end sees it.</summary>
/// <param name="Id">User id.</param>
/// <param name="DisplayName">Name.</param>
/// <param name="Role">Role name.</param>
/// <param name="OrganizationId">Organization.</param>
/// <param name="PatientId">Own patient id (patients).</param>
public sealed record MeResponse(string Id, string DisplayName, string Role, string? OrganizationId, string? PatientId)
{
    /// <summary>Builds the response.</summary>
    public static MeResponse From(string id, string displayName, Role role, string? organizationId, string? patientId) =>
        new(id, displayName, role.ToString(), organizationId, patientId);
}
