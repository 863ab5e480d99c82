using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SensorChain.Web.Live;

namespace SensorChain.Web.Accounts;

/// <summary>
/// Organization-admin user management: list, create, edit or disable users, list and revoke their bearer tokens.
/// An admin manages the users of their own organization and the patients and caregivers (who belong to none).
/// A disabled user or a revoked token is refused at the next request.
/// </summary>
public static class AdminApi
{
    /// <summary>Maps the endpoints under <c>/api/admin</c>.</summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/admin").RequireAuthorization();
        api.MapGet("/users", ListUsers);
        api.MapPost("/users", CreateUser);
        api.MapPut("/users/{userId}", UpdateUser);
        api.MapGet("/users/{userId}/tokens", ListTokens);
        api.MapPost("/users/{userId}/tokens/revoke", RevokeAllTokens);
        api.MapPost("/users/{userId}/tokens/{tokenId}/revoke", RevokeToken);
        return api;
    }

    private static Results<Ok<List<AdminUser>>, ForbidHttpResult> ListUsers(ClaimsPrincipal principal, AccountStore accounts)
    {
        if (Admin(principal) is not { } admin)
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(accounts.List().Where(u => Manages(admin, u)).Select(AdminUser.From).ToList());
    }

    private static Results<Created<AdminUser>, ForbidHttpResult, BadRequest<string>, Conflict<string>> CreateUser(NewUserRequest request, ClaimsPrincipal principal, AccountStore accounts)
    {
        if (Admin(principal) is not { } admin)
        {
            return TypedResults.Forbid();
        }

        try
        {
            var org = request.Role is Role.Doctor or Role.OrganizationAdmin or Role.Researcher ? admin.OrganizationId : null;
            var user = accounts.Create(request.Username, request.Password, request.DisplayName, request.Role, org, request.PatientId);
            return TypedResults.Created($"/api/admin/users/{user.Id}", AdminUser.From(user));
        }
        catch (ArgumentException e)
        {
            return TypedResults.BadRequest(e.Message);
        }
        catch (InvalidOperationException e)
        {
            return TypedResults.Conflict(e.Message);
        }
    }

    private static Results<Ok<AdminUser>, ForbidHttpResult, NotFound, BadRequest<string>> UpdateUser(string userId, UpdateUserRequest request, ClaimsPrincipal principal,
        AccountStore accounts, LiveHub hub)
    {
        if (Admin(principal) is not { } admin)
        {
            return TypedResults.Forbid();
        }

        if (accounts.Find(userId) is not { } user || !Manages(admin, user))
        {
            return TypedResults.NotFound();
        }

        if (user.Id == admin.Id && (request.Disabled == true || request.Role is { } r && r != Role.OrganizationAdmin))
        {
            return TypedResults.BadRequest("An admin cannot disable or demote their own account.");
        }

        try
        {
            if (accounts.Update(userId, request.DisplayName, request.Role, request.Disabled, request.Password) is not { } updated)
            {
                return TypedResults.NotFound();
            }

            if (updated.Disabled || updated.Role != user.Role)
            {
                // Open live streams end at once, like the user's tokens and session.
                hub.RevokeUser(userId);
            }

            return TypedResults.Ok(AdminUser.From(updated));
        }
        catch (ArgumentException e)
        {
            return TypedResults.BadRequest(e.Message);
        }
    }

    private static Results<Ok<IReadOnlyList<TokenInfo>>, ForbidHttpResult, NotFound> ListTokens(string userId, ClaimsPrincipal principal, AccountStore accounts) =>
        Managed(principal, accounts, userId) switch
        {
            null => TypedResults.Forbid(),
            false => TypedResults.NotFound(),
            true => TypedResults.Ok(accounts.Tokens(userId)),
        };

    private static Results<Ok<int>, ForbidHttpResult, NotFound> RevokeAllTokens(string userId, ClaimsPrincipal principal, AccountStore accounts) =>
        Managed(principal, accounts, userId) switch
        {
            null => TypedResults.Forbid(),
            false => TypedResults.NotFound(),
            true => TypedResults.Ok(accounts.RevokeTokens(userId, null)),
        };

    private static Results<Ok<int>, ForbidHttpResult, NotFound> RevokeToken(string userId, string tokenId, ClaimsPrincipal principal, AccountStore accounts)
    {
        if (Managed(principal, accounts, userId) is not { } managed)
        {
            return TypedResults.Forbid();
        }

        var revoked = managed ? accounts.RevokeTokens(userId, tokenId) : 0;
        return revoked == 0 ? TypedResults.NotFound() : TypedResults.Ok(revoked);
    }

    // null: the caller is no admin; false: the user is unknown or not theirs to manage.
    private static bool? Managed(ClaimsPrincipal principal, AccountStore accounts, string userId) =>
        Admin(principal) is not { } admin ? null : accounts.Find(userId) is { } user && Manages(admin, user);

    private static WebUser? Admin(ClaimsPrincipal principal) => principal.Current() is { Role: Role.OrganizationAdmin } admin ? admin : null;

    private static bool Manages(WebUser admin, UserAccount user) => user.OrganizationId == admin.OrganizationId || user.Role is Role.Patient or Role.Caregiver;
}
