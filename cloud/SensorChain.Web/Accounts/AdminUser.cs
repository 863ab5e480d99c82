namespace SensorChain.Web.Accounts;

/// <summary>A user as the organization admin's user list shows it.</summary>
/// <param name="Id">User id.</param>
/// <param name="Username">Login name.</param>
/// <param name="DisplayName">Name.</param>
/// <param name="Role">Role name.</param>
/// <param name="OrganizationId">Organization.</param>
/// <param name="Disabled">True when disabled.</param>
public sealed record AdminUser(string Id, string Username, string DisplayName, string Role, string? OrganizationId, bool Disabled)
{
    /// <summary>Builds the view of <paramref name="user"/>.</summary>
    public static AdminUser From(UserAccount user) => new(user.Id, user.Username, user.DisplayName, user.Role.ToString(), user.OrganizationId, user.Disabled);
}
