namespace SensorChain.Web.Consent;

/// <summary>Body of <c>PUT /api/patients/{id}/privacy</c>: which profile fields are private.</summary>
/// <param name="PrivateFields">name, birthDate, phone, address.</param>
public sealed record PrivacyRequest(IReadOnlyList<string> PrivateFields);
