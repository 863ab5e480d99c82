using Microsoft.AspNetCore.Http;
using SensorChain.Ingest.Access;
using SensorChain.Web.Accounts;
using SensorChain.Web.Audit;
using SensorChain.Web.Consent;

namespace SensorChain.Web.Access;

/// <summary>
/// The web app's answer to <see cref="IPatientDataAccess"/> (FHIR REST, subscriptions, live streams, alert
/// notifications): the principal is a web user id (or, for notification rosters, a username). When the call runs
/// inside that user's HTTP request, the scopes of its session or bearer token apply (SMART scopes narrow, never
/// widen); outside a request (a notification) the account's role and consent decide. Disabled and unknown
/// principals are denied. Every decision goes through <see cref="PatientAccessGate"/>, which writes the AuditEvent.
/// </summary>
public sealed class WebPatientDataAccess(AccountStore accounts, PatientAccessGate gate, IHttpContextAccessor http) : IPatientDataAccess
{
    /// <summary>The FHIR resource type every category is served as (scope check).</summary>
    public const string ResourceType = "Observation";

    /// <inheritdoc />
    public async ValueTask<bool> AuthorizeAsync(PatientDataAccessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var action = request.Action switch
        {
            PatientDataAction.Read => AuditAction.Read,
            PatientDataAction.Write => AuditAction.Update,
            _ => AuditAction.Execute,
        };
        var what = request.Action == PatientDataAction.Notify ? "Notification: " + request.What : request.What;
        var (user, refusal) = Resolve(request);
        if (user is null)
        {
            await gate.DenyAsync(request.PrincipalId, refusal, request.PatientId, action, what, cancellationToken);
            return false;
        }

        return await gate.CheckAsync(user, request.PatientId, DataCategories.From(request.Category), ResourceType, action, what, cancellationToken);
    }

    private (WebUser? User, string Refusal) Resolve(PatientDataAccessRequest request)
    {
        var current = http.HttpContext?.User.Current();
        var account = accounts.Find(request.PrincipalId) ?? accounts.FindByUsername(request.PrincipalId);
        if (account is null)
        {
            return (null, "(unknown principal)");
        }

        if (account.Disabled)
        {
            return (null, account.DisplayName + " (disabled)");
        }

        // Inside the principal's own request its session or token scopes apply; a notification is the account's.
        return request.Action != PatientDataAction.Notify && current is not null && current.Id == account.Id
            ? (current, string.Empty)
            : (new WebUser(account.Id, account.DisplayName, account.Role, account.OrganizationId, account.PatientId, ScopeSet.Session), string.Empty);
    }
}
