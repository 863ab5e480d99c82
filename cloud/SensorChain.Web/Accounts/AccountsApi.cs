using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace SensorChain.Web.Accounts;

/// <summary>Sign-in (cookie), sign-out, the current user and bearer tokens (user management: <see cref="AdminApi"/>).</summary>
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
}
