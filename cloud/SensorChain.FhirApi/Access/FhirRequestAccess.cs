using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Fhir;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Mapping;

namespace SensorChain.FhirApi.Access;

/// <summary>
/// The consent checks of one FHIR request: asks <see cref="IPatientDataAccess"/> once per (patient, category) the
/// request touches, with the authenticated user's id (<c>NameIdentifier</c> or <c>sub</c>). Decisions are kept only
/// for the request, never across requests, so a revoked consent applies to the next request.
/// </summary>
internal sealed class FhirRequestAccess
{
    /// <summary>Principal id used when the API is served without authentication (library use, tests).</summary>
    public const string Anonymous = "anonymous";

    private readonly IPatientDataAccess _access;
    private readonly Dictionary<(string Patient, PatientDataCategory Category), bool> _decided = [];

    private FhirRequestAccess(IPatientDataAccess access, string principalId, PatientDataAction action, string what)
    {
        _access = access;
        PrincipalId = principalId;
        Action = action;
        What = what;
    }

    /// <summary>Who asks.</summary>
    public string PrincipalId { get; }

    /// <summary>What is done.</summary>
    public PatientDataAction Action { get; }

    /// <summary>Audit description (interaction and resource type, never PHI).</summary>
    public string What { get; }

    /// <summary>Resources withheld so far.</summary>
    public int Withheld { get; private set; }

    /// <summary>The checks for <paramref name="context"/>'s user.</summary>
    public static FhirRequestAccess For(HttpContext context, PatientDataAction action, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        var access = context.RequestServices.GetService<IPatientDataAccess>() ?? new OpenPatientDataAccess();
        return new FhirRequestAccess(access, PrincipalOf(context.User), action, what);
    }

    /// <summary>Checks outside a request (background export, subscription delivery) for a known principal.</summary>
    public static FhirRequestAccess For(IPatientDataAccess access, string principalId, PatientDataAction action, string what) =>
        new(access, principalId, action, what);

    /// <summary>The principal id of a user: <c>NameIdentifier</c>, else <c>sub</c>, else <see cref="Anonymous"/>.</summary>
    public static string PrincipalOf(ClaimsPrincipal? user) =>
        user?.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user?.FindFirst("sub")?.Value ?? Anonymous;

    /// <summary>The patient a resource belongs to, or null when it holds no patient data (Provenance, CapabilityStatement …).</summary>
    public static string? PatientOf(Resource resource) => resource switch
    {
        Observation o => o.Subject?.IdOf("Patient"),
        Patient p => p.Id,
        Device d => d.Patient?.IdOf("Patient"),
        DetectedIssue i => i.Patient?.IdOf("Patient"),
        Flag f => f.Subject.IdOf("Patient"),
        _ => null,
    };

    /// <summary>The consent category of a resource (Observations by code; the rest count as Vitals).</summary>
    public static PatientDataCategory CategoryOf(Resource resource) =>
        resource is Observation o ? SensorDataCategories.For(o) : PatientDataCategory.Vitals;

    /// <summary>True when the user may have <paramref name="resource"/> (always for resources without a patient).</summary>
    public async ValueTask<bool> AllowsAsync(Resource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var patient = PatientOf(resource);
        if (patient is null)
        {
            return true;
        }

        var allowed = await AllowsAsync(patient, CategoryOf(resource), cancellationToken);
        if (!allowed)
        {
            Withheld++;
        }

        return allowed;
    }

    /// <summary>True when the user may have this category of the patient's data.</summary>
    public async ValueTask<bool> AllowsAsync(string patientId, PatientDataCategory category, CancellationToken cancellationToken)
    {
        if (_decided.TryGetValue((patientId, category), out var known))
        {
            return known;
        }

        var allowed = await _access.AuthorizeAsync(new PatientDataAccessRequest(PrincipalId, patientId, category, Action, What), cancellationToken);
        _decided[(patientId, category)] = allowed;
        return allowed;
    }

    /// <summary>The 403 answer for a denied read.</summary>
    public static FhirResult Forbidden(string what) =>
        FhirResult.Outcome(StatusCodes.Status403Forbidden, "forbidden", $"Access to {what} is not permitted (no consent for this user).");
}
