namespace SensorChain.Web.Accounts;

/// <summary>A user of the web app.</summary>
/// <param name="Id">Stable id (random).</param>
/// <param name="Username">Login name.</param>
/// <param name="DisplayName">Name shown in the app and in audit records.</param>
/// <param name="Role">The role.</param>
/// <param name="OrganizationId">Organization the user belongs to (doctors, admins), or null.</param>
/// <param name="PatientId">For patients: their FHIR Patient id.</param>
/// <param name="Disabled">True when an organization admin disabled the account: no sign-in, no token, no access.</param>
public sealed record UserAccount(string Id, string Username, string DisplayName, Role Role, string? OrganizationId, string? PatientId, bool Disabled = false);
