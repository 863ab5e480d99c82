using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SensorChain.Web.Accounts;
using SensorChain.Web.Audit;
using SensorChain.Web.Clinical;
using SensorChain.Web.Consent;
using SensorChain.Web.Live;

namespace SensorChain.Web.Patients;

/// <summary>Patient list, patient header, latest vitals, trend and the live SSE stream; every call checks scope, role and consent and is audited.</summary>
public static class PatientsApi
{
    /// <summary>Maps the endpoints under <c>/api/patients</c>.</summary>
    public static RouteGroupBuilder MapPatientsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/patients").RequireAuthorization();
        api.MapGet("/", ListAsync);
        api.MapGet("/{patientId}", GetAsync);
        api.MapGet("/{patientId}/vitals", VitalsAsync);
        api.MapGet("/{patientId}/trend", TrendAsync);
        api.MapGet("/{patientId}/live", LiveAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal principal, AccessPolicy policy, PatientAccessGate gate, PatientProfileStore profiles,
        LiveHub hub, INews2Source news2, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        var rows = new List<PatientSummary>();
        foreach (var patientId in policy.VisiblePatients(user))
        {
            if (await gate.CheckAsync(user, patientId, null, "Observation", AuditAction.Read, "Patient list: latest vitals and NEWS2", cancellationToken))
            {
                rows.Add(await SummaryAsync(user, patientId, policy, profiles, hub, news2, cancellationToken));
            }
        }

        return TypedResults.Ok(rows);
    }

    private static async Task<IResult> GetAsync(string patientId, ClaimsPrincipal principal, AccessPolicy policy, PatientAccessGate gate, PatientProfileStore profiles,
        LiveHub hub, INews2Source news2, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!await gate.CheckAsync(user, patientId, null, "Patient", AuditAction.Read, "Patient record header", cancellationToken))
        {
            return Forbidden();
        }

        return TypedResults.Ok(await SummaryAsync(user, patientId, policy, profiles, hub, news2, cancellationToken));
    }

    private static async Task<IResult> VitalsAsync(string patientId, ClaimsPrincipal principal, AccessPolicy policy, PatientAccessGate gate, LiveHub hub, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!await gate.CheckAsync(user, patientId, DataCategory.Vitals, "Observation", AuditAction.Read, "Observation: latest vitals", cancellationToken))
        {
            return Forbidden();
        }

        var allowed = policy.AllowedCategories(user, patientId);
        var latest = hub.Latest(patientId)?.Filtered(true, allowed.Contains(DataCategory.Glucose));
        return latest is null ? TypedResults.NotFound() : TypedResults.Ok(latest);
    }

    private static async Task<IResult> TrendAsync(string patientId, ClaimsPrincipal principal, AccessPolicy policy, PatientAccessGate gate, ITrendSource trend, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!await gate.CheckAsync(user, patientId, DataCategory.Vitals, "Observation", AuditAction.Read, "Observation: vitals trend", cancellationToken))
        {
            return Forbidden();
        }

        var glucose = policy.Allows(user, patientId, DataCategory.Glucose);
        return TypedResults.Ok((await trend.GetAsync(patientId, cancellationToken)).Select(v => v.Filtered(true, glucose)).ToList());
    }

    private static async Task<IResult> LiveAsync(string patientId, ClaimsPrincipal principal, PatientAccessGate gate, LiveHub hub, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        if (!await gate.CheckAsync(user, patientId, null, "Observation", AuditAction.Read, "Observation: live stream (waveforms and vitals)", cancellationToken))
        {
            return Forbidden();
        }

        var subscription = hub.Subscribe(user, patientId);
        return TypedResults.ServerSentEvents(Stream(subscription, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<object>> Stream(LiveSubscription subscription, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (subscription)
        {
            yield return new SseItem<object>(new { subscription.PatientId }, "hello");
            await foreach (var frame in subscription.Frames.ReadAllAsync(cancellationToken))
            {
                yield return new SseItem<object>(frame, "frame");
            }

            if (subscription.Revoked)
            {
                yield return new SseItem<object>(new { reason = "Access to this patient's data ended." }, "revoked");
            }
        }
    }

    internal static IResult Forbidden() =>
        TypedResults.Problem("Access denied: your role or the patient's consent does not allow this.", statusCode: StatusCodes.Status403Forbidden);

    private static async Task<PatientSummary> SummaryAsync(WebUser user, string patientId, AccessPolicy policy, PatientProfileStore profiles, LiveHub hub,
        INews2Source news2, CancellationToken cancellationToken)
    {
        var allowed = policy.AllowedCategories(user, patientId);
        var vitals = allowed.Contains(DataCategory.Vitals);
        var profile = profiles.Find(patientId)?.Redacted(policy.RevealedFields(user, patientId));
        var latest = hub.Latest(patientId)?.Filtered(vitals, allowed.Contains(DataCategory.Glucose));
        var score = vitals ? await news2.GetAsync(patientId, cancellationToken) : null;
        return new PatientSummary(patientId, profile, allowed.Select(c => c.ToString().ToLowerInvariant()).Order().ToList(), latest, score);
    }
}
