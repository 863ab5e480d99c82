namespace SensorChain.Web.Accounts;

/// <summary>Body of <c>POST /api/admin/users</c>.</summary>
/// <param name="Username">Login name.</param>
/// <param name="Password">Initial password (≥ 8 characters).</param>
/// <param name="DisplayName">Shown name.</param>
/// <param name="Role">Role name.</param>
/// <param name="PatientId">FHIR Patient id for patients.</param>
public sealed record NewUserRequest(string Username, string Password, string DisplayName, Role Role, string? PatientId);
