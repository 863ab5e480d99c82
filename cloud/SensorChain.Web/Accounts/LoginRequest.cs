namespace SensorChain.Web.Accounts;

/// <summary>Body of <c>POST /api/session</c> and <c>POST /api/token</c>.</summary>
/// <param name="Username">Login name.</param>
/// <param name="Password">Password.</param>
/// <param name="Scope">Requested scopes (token only), space separated; defaults to <c>user/*.read</c>.</param>
public sealed record LoginRequest(string? Username, string? Password, string? Scope = null);
