namespace SensorChain.Clinical.Notifications;

/// <summary>
/// How to reach one clinician on the roster. <see cref="Id"/> is the roster entry and the principal id the consent
/// check is asked about; a clinician may have an e-mail address, a webhook (pager or messaging integration), or both.
/// </summary>
/// <param name="Id">Roster id = principal id (never a name or other PHI of the patient).</param>
/// <param name="Email">E-mail address for notifications, or null.</param>
/// <param name="Webhook">HTTPS (or loopback HTTP) endpoint that receives signed JSON, or null.</param>
/// <param name="WebhookSecret">Shared secret for the HMAC-SHA256 signature of the webhook body.</param>
public sealed record ClinicianContact(string Id, string? Email = null, Uri? Webhook = null, string? WebhookSecret = null);
