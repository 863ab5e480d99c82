using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SensorChain.Web.Accounts;
using SensorChain.Web.Consent;
using SensorChain.Web.Patients;

namespace SensorChain.Web.Audit;

/// <summary>The patient's access log (JSON and printable HTML) and, for organization admins, the chain head and a verification.</summary>
public static class AuditApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/patients/{patientId}/audit", ListAsync).RequireAuthorization();
        endpoints.MapGet("/report/access/{patientId}", ReportAsync).RequireAuthorization();
        endpoints.MapGet("/api/audit/checkpoint", Checkpoint).RequireAuthorization();
        endpoints.MapGet("/api/audit/verify", Verify).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(string patientId, ClaimsPrincipal principal, PatientAccessGate gate, AuditLog audit, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!user.IsOwnRecord(patientId) || !await gate.CheckAsync(user, patientId, null, "AuditEvent", AuditAction.Read, "Access log", cancellationToken))
        {
            return PatientsApi.Forbidden();
        }

        return TypedResults.Ok(audit.ForPatient(patientId).Select(r => new
        {
            r.Sequence, r.Recorded, r.Entry.ActorName, r.Entry.ActorRole, Action = r.Entry.Action.ToString(), r.Entry.What, r.Entry.Purpose, r.Entry.Allowed, r.Hash,
        }));
    }

    private static async Task<IResult> ReportAsync(string patientId, ClaimsPrincipal principal, PatientAccessGate gate, AuditLog audit, PatientProfileStore profiles,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!user.IsOwnRecord(patientId) || !await gate.CheckAsync(user, patientId, null, "AuditEvent", AuditAction.Read, "Access report (print)", cancellationToken))
        {
            return PatientsApi.Forbidden();
        }

        var name = profiles.Find(patientId)?.Name ?? patientId;
        return TypedResults.Content(AccessReportPage.Render(patientId, name, audit.ForPatient(patientId, 5000), time.GetUtcNow(), audit.Verify()), "text/html; charset=utf-8");
    }

    private static IResult Checkpoint(ClaimsPrincipal principal, AuditLog audit) =>
        principal.Current() is { Role: Role.OrganizationAdmin } ? TypedResults.Ok(audit.Head) : PatientsApi.Forbidden();

    private static IResult Verify(ClaimsPrincipal principal, AuditLog audit) =>
        principal.Current() is { Role: Role.OrganizationAdmin } ? TypedResults.Ok(new { brokenAt = audit.Verify(), head = audit.Head }) : PatientsApi.Forbidden();
}
