namespace SensorChain.Web.Consent;

/// <summary>Body of <c>POST /api/patients/{id}/consents</c>.</summary>
/// <param name="Grantee">person, organization or research.</param>
/// <param name="GranteeUsername">For a person: their username.</param>
/// <param name="OrganizationId">For an organization: its id.</param>
/// <param name="Categories">vitals, waveforms, location, glucose (research for research grants).</param>
/// <param name="RevealedFields">Private profile fields the grantee may see.</param>
/// <param name="Start">Optional start.</param>
/// <param name="End">Optional end.</param>
public sealed record GrantRequest(string Grantee, string? GranteeUsername, string? OrganizationId, IReadOnlyList<string> Categories,
    IReadOnlyList<string>? RevealedFields, DateTimeOffset? Start, DateTimeOffset? End);
