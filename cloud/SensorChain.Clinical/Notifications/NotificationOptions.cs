using SensorChain.Clinical.Alarms;

namespace SensorChain.Clinical.Notifications;

/// <summary>
/// Who is notified how. Recipients come from the alarm roster (<see cref="AlarmOptions.Roster"/>): every change that
/// names a recipient (raised, severity raised, escalated, reminder) goes to that clinician's channels from
/// <see cref="Contacts"/>, after the consent check for that clinician and patient.
/// </summary>
public sealed record NotificationOptions
{
    /// <summary>Contact details per roster id.</summary>
    public IReadOnlyList<ClinicianContact> Contacts { get; init; } = [];

    /// <summary>SMTP relay; null disables e-mail.</summary>
    public SmtpSettings? Smtp { get; init; }

    /// <summary>Base address of the dashboard; messages carry a link to <c>{base}/alarms/{id}</c> instead of values.</summary>
    public Uri DashboardBaseUrl { get; init; } = new("http://127.0.0.1:8080/");

    /// <summary>Which changes are sent (acknowledgements and clears are not: the team sees them on the dashboard).</summary>
    public IReadOnlySet<AlarmChangeKind> NotifyOn { get; init; } = new HashSet<AlarmChangeKind>
    {
        AlarmChangeKind.Raised, AlarmChangeKind.SeverityRaised, AlarmChangeKind.Escalated, AlarmChangeKind.Reminder,
    };

    /// <summary>Attempts per delivery before it goes to the dead-letter store (first attempt included).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Backoff before the second attempt; doubles each time (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The contact for a roster id, or null.</summary>
    public ClinicianContact? ContactFor(string id) => Contacts.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
}
