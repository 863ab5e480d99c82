namespace SensorChain.Web.Accounts;

/// <summary>A seeded demo login.</summary>
/// <param name="Username">Login name.</param>
/// <param name="Password">Password.</param>
/// <param name="Role">Role.</param>
/// <param name="DisplayName">Name.</param>
public sealed record DemoCredential(string Username, string Password, Role Role, string DisplayName);
