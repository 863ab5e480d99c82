using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace SensorChain.Web.Accounts;

/// <summary>Sign-in (cookie), sign-out, the current user, bearer tokens, and organization-admin user management.</summary>
public static class AccountsApi
{
    /// <summary>Maps the endpoints under <c>/api</c>.</summary>
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapPost("/session", SignInAsync).AllowAnonymous();
        api.MapPost("/session/logout", (Delegate)SignOutAsync).AllowAnonymous();
        api.MapPost("/token", IssueToken).AllowAnonymous();
        api.MapGet("/me", Me).RequireAuthorization();
        api.MapGet("/admin/users", ListUsers).RequireAuthorization();
        api.MapPost("/admin/users", CreateUser).RequireAuthorization();
        return api;
    }

    private static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult, BadRequest<string>>> SignInAsync(LoginRequest request, HttpContext context, AccountStore accounts)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.BadRequest("username and password are required.");
        }

        var user = accounts.Authenticate(request.Username, request.Password);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var identity = new ClaimsIdentity(WebClaims.For(user, "user/*.*"), WebAuthentication.CookieScheme, WebClaims.Name, WebClaims.Role);
        await context.SignInAsync(WebAuthentication.CookieScheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(MeResponse.From(user.Id, user.DisplayName, user.Role, user.OrganizationId, user.PatientId));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(WebAuthentication.CookieScheme);
        return TypedResults.NoContent();
    }

    private static Results<Ok<TokenResponse>, UnauthorizedHttpResult, BadRequest<string>> IssueToken(LoginRequest request, AccountStore accounts, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.BadRequest("username and password are required.");
        }

        var scopes = ScopeSet.Parse(request.Scope ?? "user/*.read");
        if (scopes.Values.Count == 0)
        {
            return TypedResults.BadRequest("No valid scope: use e.g. 'patient/Observation.read' or 'user/*.read'.");
        }

        var user = accounts.Authenticate(request.Username, request.Password);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var (token, expires) = accounts.IssueToken(user, scopes);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (long)(expires - time.GetUtcNow()).TotalSeconds, string.Join(' ', scopes.Values), user.PatientId));
    }

    private static Results<Ok<MeResponse>, UnauthorizedHttpResult> Me(ClaimsPrincipal principal) =>
        principal.Current() is { } u
            ? TypedResults.Ok(MeResponse.From(u.Id, u.DisplayName, u.Role, u.OrganizationId, u.PatientId))
            : TypedResults.Unauthorized();

    private static Results<Ok<List<MeResponse>>, ForbidHttpResult> ListUsers(ClaimsPrincipal principal, AccountStore accounts)
    {
        if (principal.Current() is not { Role: Role.OrganizationAdmin } admin)
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(accounts.List().Where(u => u.OrganizationId == admin.OrganizationId || u.Role is Role.Patient or Role.Caregiver)
            .Select(u => MeResponse.From(u.Id, u.DisplayName, u.Role, u.OrganizationId, null)).ToList());
    }

    private static Results<Created<MeResponse>, ForbidHttpResult, BadRequest<string>, Conflict<string>> CreateUser(NewUserRequest request, ClaimsPrincipal principal, AccountStore accounts)
    {
        if (principal.Current() is not { Role: Role.OrganizationAdmin } admin)
        {
            return TypedResults.Forbid();
        }

        try
        {
            var org = request.Role is Role.Doctor or Role.OrganizationAdmin or Role.Researcher ? admin.OrganizationId : null;
            var user = accounts.Create(request.Username, request.Password, request.DisplayName, request.Role, org, request.PatientId);
            return TypedResults.Created($"/api/admin/users/{user.Id}", MeResponse.From(user.Id, user.DisplayName, user.Role, user.OrganizationId, user.PatientId));
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
}
