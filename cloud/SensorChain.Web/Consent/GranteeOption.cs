namespace SensorChain.Web.Consent;

/// <summary>Someone a patient can grant access to.</summary>
/// <param name="Grantee">person or organization.</param>
/// <param name="Id">Username or organization id.</param>
/// <param name="Display">Shown name.</param>
public sealed record GranteeOption(string Grantee, string Id, string Display);
