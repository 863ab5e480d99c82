using System.Net;
using System.Net.Mail;
using System.Text;
using SensorChain.Clinical.Detection;

namespace SensorChain.Clinical.Notifications;

/// <summary>
/// E-mail through an SMTP relay (System.Net.Mail). E-mail is not end-to-end protected and is often read on lock
/// screens, so neither the subject nor the body carries PHI: no patient id, condition or values — only the priority,
/// what happened (raised, escalated, reminder), an alarm reference and a link to the dashboard, where the clinician
/// signs in (and the consent check applies again) to see the patient.
/// </summary>
public sealed class SmtpEmailChannel(SmtpSettings settings) : INotificationChannel
{
    /// <inheritdoc />
    public string Name => "email";

    /// <inheritdoc />
    public bool CanReach(ClinicianContact recipient) => !string.IsNullOrWhiteSpace(recipient.Email);

    /// <summary>The subject line (no PHI).</summary>
    public static string Subject(AlarmNotification notification) =>
        $"[SensorChain] {Priority(notification.Change.Severity)} priority alarm: {Verb(notification.Change.Kind)}";

    /// <summary>The plain-text body (no PHI: a link instead of values).</summary>
    public static string Body(AlarmNotification notification)
    {
        var c = notification.Change;
        var text = new StringBuilder();
        text.Append("A ").Append(Priority(c.Severity).ToLowerInvariant()).Append(" priority alarm ").Append(Verb(c.Kind)).AppendLine(".");
        text.AppendLine();
        text.AppendLine("Open it (sign-in required):");
        text.AppendLine(notification.Link.ToString());
        text.Append("Alarm reference: ").AppendLine(c.AlarmId.ToString("N"));
        text.AppendLine();
        text.AppendLine("Patient details and measurements are shown only on the dashboard.");
        return text.ToString();
    }

    /// <inheritdoc />
    public async Task SendAsync(AlarmNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var to = notification.Recipient.Email ?? throw new InvalidOperationException($"Clinician {notification.Recipient.Id} has no e-mail address.");
        using var message = new MailMessage(settings.From, to, Subject(notification), Body(notification));
        message.Headers.Add("X-SensorChain-Delivery", notification.DeliveryId);
        // Plain ASCII text, sent as 7bit: the link stays intact (no quoted-printable line wrapping).
        message.BodyEncoding = Encoding.ASCII;
        message.BodyTransferEncoding = System.Net.Mime.TransferEncoding.SevenBit;
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (settings.UserName is not null)
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private static string Priority(AlertSeverity severity) => severity switch
    {
        AlertSeverity.High => "High",
        AlertSeverity.Medium => "Medium",
        AlertSeverity.Low => "Low",
        _ => "Advisory",
    };

    private static string Verb(Alarms.AlarmChangeKind kind) => kind switch
    {
        Alarms.AlarmChangeKind.Raised => "was raised",
        Alarms.AlarmChangeKind.SeverityRaised => "has become more urgent",
        Alarms.AlarmChangeKind.Escalated => "was escalated to you",
        Alarms.AlarmChangeKind.Reminder => "is still open (reminder)",
        Alarms.AlarmChangeKind.Acknowledged => "was acknowledged",
        _ => "was cleared",
    };
}
