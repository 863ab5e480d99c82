using System.Security.Claims;

namespace SensorChain.Web.Accounts;

/// <summary>Claim types the web app puts on its principals, and how to read them back.</summary>
public static class WebClaims
{
    /// <summary>User id (also issued as <see cref="ClaimTypes.NameIdentifier"/>, the principal id of <c>IPatientDataAccess</c>).</summary>
    public const string UserId = "sc:uid";
    /// <summary>Role name (see <see cref="Accounts.Role"/>).</summary>
    public const string Role = ClaimTypes.Role;
    /// <summary>Display name.</summary>
    public const string Name = ClaimTypes.Name;
    /// <summary>Organization id.</summary>
    public const string Organization = "sc:org";
    /// <summary>Own FHIR Patient id (patients).</summary>
    public const string Patient = "sc:patient";
    /// <summary>Granted scopes, space separated.</summary>
    public const string Scope = "scope";

    /// <summary>Builds the claims of <paramref name="user"/> with <paramref name="scopes"/>.</summary>
    public static List<Claim> For(UserAccount user, string scopes)
    {
        var claims = new List<Claim>
        {
            new(UserId, user.Id),
            new(ClaimTypes.NameIdentifier, user.Id),
            new(Name, user.DisplayName),
            new(Role, user.Role.ToString()),
            new(Scope, scopes),
        };
        if (user.OrganizationId is not null)
        {
            claims.Add(new Claim(Organization, user.OrganizationId));
        }

        if (user.PatientId is not null)
        {
            claims.Add(new Claim(Patient, user.PatientId));
        }

        return claims;
    }

    /// <summary>The user behind <paramref name="principal"/>, or null when not signed in.</summary>
    public static WebUser? Current(this ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(UserId);
        if (id is null || !Enum.TryParse<Role>(principal.FindFirstValue(Role), out var role))
        {
            return null;
        }

        return new WebUser(id, principal.FindFirstValue(Name) ?? id, role, principal.FindFirstValue(Organization),
            principal.FindFirstValue(Patient), ScopeSet.Parse(principal.FindFirstValue(Scope)));
    }
}
