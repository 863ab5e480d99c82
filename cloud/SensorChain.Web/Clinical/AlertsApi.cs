using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SensorChain.Web.Accounts;
using SensorChain.Web.Audit;
using SensorChain.Web.Consent;
using SensorChain.Web.Patients;

namespace SensorChain.Web.Clinical;

/// <summary>The alert inbox: list, live notifications (SSE), acknowledge, escalate; each alert is shown only to viewers with vitals consent.</summary>
public static class AlertsApi
{
    /// <summary>Maps the endpoints under <c>/api/alerts</c>.</summary>
    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/alerts").RequireAuthorization();
        api.MapGet("/", ListAsync);
        api.MapGet("/stream", StreamAsync);
        api.MapPost("/{alertId}/ack", (string alertId, ClaimsPrincipal p, IAlertSource s, PatientAccessGate g, CancellationToken c) => ActAsync(alertId, false, p, s, g, c));
        api.MapPost("/{alertId}/escalate", (string alertId, ClaimsPrincipal p, IAlertSource s, PatientAccessGate g, CancellationToken c) => ActAsync(alertId, true, p, s, g, c));
        return api;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal principal, IAlertSource alerts, AccessPolicy policy, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        var all = await alerts.ListAsync(cancellationToken);
        return TypedResults.Ok(all.Where(a => policy.Allows(user, a.PatientId, DataCategory.Vitals)).ToList());
    }

    private static IResult StreamAsync(ClaimsPrincipal principal, IAlertSource alerts, AccessPolicy policy, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Watch(principal.Current()!, alerts, policy, cancellationToken));

    private static async IAsyncEnumerable<SseItem<WebAlert>> Watch(WebUser user, IAlertSource alerts, AccessPolicy policy, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var alert in alerts.WatchAsync(cancellationToken))
        {
            // Consent is checked per notification: a revoked viewer gets nothing more.
            if (policy.Allows(user, alert.PatientId, DataCategory.Vitals))
            {
                yield return new SseItem<WebAlert>(alert, "alert");
            }
        }
    }

    private static async Task<IResult> ActAsync(string alertId, bool escalate, ClaimsPrincipal principal, IAlertSource alerts, PatientAccessGate gate, CancellationToken cancellationToken)
    {
        var user = principal.Current()!;
        var alert = (await alerts.ListAsync(cancellationToken)).FirstOrDefault(a => a.Id == alertId);
        if (alert is null)
        {
            return TypedResults.NotFound();
        }

        if (user.Role is not (Role.Doctor or Role.Caregiver)
            || !await gate.CheckAsync(user, alert.PatientId, DataCategory.Vitals, "Flag", AuditAction.Update, escalate ? "Alert escalated" : "Alert acknowledged", cancellationToken))
        {
            return PatientsApi.Forbidden();
        }

        var updated = escalate
            ? await alerts.EscalateAsync(alertId, user.DisplayName, cancellationToken)
            : await alerts.AcknowledgeAsync(alertId, user.DisplayName, cancellationToken);
        return updated is null ? TypedResults.NotFound() : TypedResults.Ok(updated);
    }
}
