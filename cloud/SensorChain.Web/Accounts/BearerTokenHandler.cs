using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SensorChain.Web.Accounts;

/// <summary>Authenticates <c>Authorization: Bearer …</c> with the opaque tokens issued by <c>POST /api/token</c>.</summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountStore accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "SensorChainBearer";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var found = accounts.ValidateToken(header["Bearer ".Length..].Trim());
        if (found is not { } valid)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is unknown or expired."));
        }

        var identity = new ClaimsIdentity(WebClaims.For(valid.User, valid.Scopes), SchemeName, WebClaims.Name, WebClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
