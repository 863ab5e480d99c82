using System.Text.Json.Serialization;

namespace SensorChain.Web.Accounts;

/// <summary>An issued bearer token, shaped like an OAuth 2 / SMART token response.</summary>
/// <param name="AccessToken">The opaque token.</param>
/// <param name="TokenType">Always Bearer.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
/// <param name="Scope">Granted scopes.</param>
/// <param name="Patient">The patient in context (patient users).</param>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("patient")] string? Patient);
