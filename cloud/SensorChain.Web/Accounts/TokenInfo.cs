namespace SensorChain.Web.Accounts;

/// <summary>An issued bearer token as an admin sees it: never the token, only an id cut from its SHA-256.</summary>
/// <param name="Id">The first <see cref="IdLength"/> hex digits of the token's SHA-256.</param>
/// <param name="Scopes">Granted scopes.</param>
/// <param name="ExpiresAt">Expiry.</param>
public sealed record TokenInfo(string Id, string Scopes, DateTimeOffset ExpiresAt)
{
    /// <summary>Length of <see cref="Id"/>.</summary>
    public const int IdLength = 16;
}
