using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SensorChain.Web.Accounts;
using SensorChain.Web.Audit;
using SensorChain.Web.Patients;

namespace SensorChain.Web.Consent;

/// <summary>The patient's consent screen: list, grant, revoke, the FHIR Consent, and private fields. Only the patient may change them.</summary>
public static class ConsentApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapConsentApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization();
        api.MapGet("/grantees", Grantees);
        api.MapGet("/patients/{patientId}/consents", ListAsync);
        api.MapPost("/patients/{patientId}/consents", GrantAsync);
        api.MapPost("/patients/{patientId}/consents/{consentId}/revoke", RevokeAsync);
        api.MapGet("/patients/{patientId}/consents/{consentId}/fhir", FhirAsync);
        api.MapGet("/patients/{patientId}/privacy", PrivacyAsync);
        api.MapPut("/patients/{patientId}/privacy", SetPrivacyAsync);
        return api;
    }

    private static IResult Grantees(ClaimsPrincipal principal, AccountStore accounts)
    {
        if (principal.Current() is not { Role: Role.Patient })
        {
            return PatientsApi.Forbidden();
        }

        var users = accounts.List();
        var people = users.Where(u => u.Role is Role.Caregiver or Role.Doctor)
            .Select(u => new GranteeOption("person", u.Username, $"{u.DisplayName} ({u.Role})"));
        var orgs = users.Where(u => u.OrganizationId is not null).Select(u => u.OrganizationId!).Distinct()
            .Select(o => new GranteeOption("organization", o, o));
        return TypedResults.Ok(people.Concat(orgs).ToList());
    }

    private static async Task<IResult> ListAsync(string patientId, ClaimsPrincipal principal, PatientAccessGate gate, ConsentStore consents, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!user.IsOwnRecord(patientId) || !await gate.CheckAsync(user, patientId, null, "Consent", AuditAction.Read, "Consent list", cancellationToken))
        {
            return PatientsApi.Forbidden();
        }

        return TypedResults.Ok(consents.ForPatient(patientId));
    }

    private static async Task<IResult> GrantAsync(string patientId, GrantRequest request, ClaimsPrincipal principal, PatientAccessGate gate,
        ConsentStore consents, AccountStore accounts, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!user.IsOwnRecord(patientId) || !await gate.CheckAsync(user, patientId, null, "Consent", AuditAction.Create, "Consent: grant", cancellationToken))
        {
            return PatientsApi.Forbidden();
        }

        var categories = new List<DataCategory>();
        foreach (var name in request.Categories ?? [])
        {
            if (!Enum.TryParse<DataCategory>(name, ignoreCase: true, out var category) || !Enum.IsDefined(category))
            {
                return TypedResults.BadRequest($"Unknown data category '{name}': use vitals, waveforms, location, glucose or research.");
            }

            categories.Add(category);
        }

        var revealed = request.RevealedFields ?? [];
        var unknownField = revealed.FirstOrDefault(f => !PatientProfile.FieldNames.Contains(f));
        if (unknownField is not null)
        {
            return TypedResults.BadRequest($"Unknown profile field '{unknownField}': use {string.Join(", ", PatientProfile.FieldNames)}.");
        }

        try
        {
            switch (request.Grantee?.ToLowerInvariant())
            {
                case "person":
                    var grantee = request.GranteeUsername is null ? null : accounts.FindByUsername(request.GranteeUsername);
                    if (grantee is null || grantee.Role is not (Role.Caregiver or Role.Doctor))
                    {
                        return TypedResults.BadRequest($"'{request.GranteeUsername}' is not a caregiver or doctor.");
                    }

                    var referenceType = grantee.Role == Role.Doctor ? "Practitioner" : "RelatedPerson";
                    return TypedResults.Ok(await consents.GrantAsync(patientId, GranteeType.Person, grantee.Id, grantee.DisplayName, referenceType,
                        categories.Where(c => c != DataCategory.Research).ToList(), revealed, request.Start, request.End, cancellationToken));
                case "organization":
                    if (string.IsNullOrWhiteSpace(request.OrganizationId))
                    {
                        return TypedResults.BadRequest("organizationId is required for an organization grant.");
                    }

                    return TypedResults.Ok(await consents.GrantAsync(patientId, GranteeType.Organization, request.OrganizationId, request.OrganizationId, "Organization",
                        categories.Where(c => c != DataCategory.Research).ToList(), revealed, request.Start, request.End, cancellationToken));
                case "research":
                    return TypedResults.Ok(await consents.GrantAsync(patientId, GranteeType.Research, string.Empty, "De-identified research", "Organization",
                        [DataCategory.Research], [], request.Start, request.End, cancellationToken));
                default:
                    return TypedResults.BadRequest("grantee must be person, organization or research.");
            }
        }
        catch (ArgumentException e)
        {
            return TypedResults.BadRequest(e.Message);
        }
    }

    private static async Task<IResult> RevokeAsync(string patientId, string consentId, ClaimsPrincipal principal, PatientAccessGate gate, ConsentStore consents, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!user.IsOwnRecord(patientId) || !await gate.CheckAsync(user, patientId, null, "Consent", AuditAction.Update, "Consent: revoke", cancellationToken))
        {
            return PatientsApi.Forbidden();
        }

        var revoked = await consents.RevokeAsync(patientId, consentId, cancellationToken);
        return revoked is null ? TypedResults.NotFound() : TypedResults.Ok(revoked);
    }

    private static async Task<IResult> FhirAsync(string patientId, string consentId, ClaimsPrincipal principal, PatientAccessGate gate, ConsentStore consents, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        var grant = consents.Find(consentId);
        if (grant is null || grant.PatientId != patientId)
        {
            return TypedResults.NotFound();
        }

        if (!user.IsOwnRecord(patientId) || !await gate.CheckAsync(user, patientId, null, "Consent", AuditAction.Read, "Consent resource", cancellationToken))
        {
            return PatientsApi.Forbidden();
        }

        return TypedResults.Text(consents.FhirJson(consentId)!, "application/fhir+json");
    }

    private static async Task<IResult> PrivacyAsync(string patientId, ClaimsPrincipal principal, PatientAccessGate gate, PatientProfileStore profiles, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!user.IsOwnRecord(patientId) || !await gate.CheckAsync(user, patientId, null, "Patient", AuditAction.Read, "Profile and private fields", cancellationToken))
        {
            return PatientsApi.Forbidden();
        }

        var profile = profiles.Find(patientId);
        return profile is null ? TypedResults.NotFound() : TypedResults.Ok(profile);
    }

    private static async Task<IResult> SetPrivacyAsync(string patientId, PrivacyRequest request, ClaimsPrincipal principal, PatientAccessGate gate,
        PatientProfileStore profiles, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!user.IsOwnRecord(patientId) || !await gate.CheckAsync(user, patientId, null, "Patient", AuditAction.Update, "Private fields", cancellationToken))
        {
            return PatientsApi.Forbidden();
        }

        var profile = profiles.Find(patientId) ?? new PatientProfile(patientId, patientId, null, null, null, []);
        try
        {
            var updated = profile with { PrivateFields = request.PrivateFields.Distinct().ToList() };
            profiles.Save(updated);
            return TypedResults.Ok(updated);
        }
        catch (ArgumentException e)
        {
            return TypedResults.BadRequest(e.Message);
        }
    }
}
