namespace SensorChain.Web.Accounts;

/// <summary>Body of <c>PUT /api/admin/users/{id}</c>: only the fields given change.</summary>
/// <param name="DisplayName">New shown name.</param>
/// <param name="Role">New role (not to or from patient).</param>
/// <param name="Disabled">True disables the account: sign-in, tokens and sessions stop at once.</param>
/// <param name="Password">A new password (≥ 8 characters).</param>
public sealed record UpdateUserRequest(string? DisplayName, Role? Role, bool? Disabled, string? Password);
