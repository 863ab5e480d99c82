using SensorChain.Web.Accounts;
using SensorChain.Web.Audit;

namespace SensorChain.Web.Consent;

/// <summary>
/// The one check every API and live stream goes through: token scope, role and the patient's consent, and an
/// AuditEvent for the attempt (allowed or denied). The FHIR API can use it too.
/// </summary>
public sealed class PatientAccessGate(AccessPolicy policy, AuditLog audit)
{
    /// <summary>Checks and audits one access; true when allowed.</summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="patientId">Whose data.</param>
    /// <param name="category">Which category (null: any category the user holds, e.g. the patient header).</param>
    /// <param name="resourceType">FHIR type for the scope check (Observation, Consent, AuditEvent, Patient).</param>
    /// <param name="action">Read, update….</param>
    /// <param name="what">Description for the audit record.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<bool> CheckAsync(WebUser user, string patientId, DataCategory? category, string resourceType, AuditAction action, string what, CancellationToken cancellationToken)
    {
        var write = action is not AuditAction.Read;
        var allowed = user.Scopes.Allows(resourceType, write, user.IsOwnRecord(patientId))
            && (category is { } c ? policy.Allows(user, patientId, c) : policy.AllowedCategories(user, patientId).Count > 0);
        await audit.AppendAsync(new AuditEntry(user.Id, user.DisplayName, user.Role.ToString(), action, patientId, what, PurposeOf(user), allowed), cancellationToken);
        return allowed;
    }

    /// <summary>Audits a refused attempt by a principal that is unknown or disabled (no role or consent applies).</summary>
    public async Task DenyAsync(string actorId, string actorName, string patientId, AuditAction action, string what, CancellationToken cancellationToken) =>
        await audit.AppendAsync(new AuditEntry(actorId, actorName, "none", action, patientId, what, "HOPERAT", false), cancellationToken);

    /// <summary>The HL7 v3 PurposeOfUse for a user's role.</summary>
    public static string PurposeOf(WebUser user) => user.Role switch
    {
        Role.Patient => "PATRQT",
        Role.Doctor => "TREAT",
        Role.Caregiver => "CAREMGT",
        Role.Researcher => "HRESCH",
        _ => "HOPERAT",
    };
}
