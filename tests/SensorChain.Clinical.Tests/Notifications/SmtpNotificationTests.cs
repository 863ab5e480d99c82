using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Detection;
using SensorChain.Clinical.Notifications;
using SensorChain.Ingest.Access;
using SensorChain.Protocol;

namespace SensorChain.Clinical.Tests.Notifications;

public sealed class SmtpNotificationTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>
{
    [Fact]
    public async Task Alarm_email_reaches_a_real_SMTP_server_with_a_link_and_no_patient_data()
    {
        var options = new NotificationOptions
        {
            Contacts = [new ClinicianContact("dr-a", Email: "dr.a@clinic.example"), new ClinicianContact("dr-b", Email: "dr.b@clinic.example")],
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = smtp.Port, From = "alerts@sensorchain.example" },
            DashboardBaseUrl = new Uri("https://dashboard.example/"),
            MaxAttempts = 2,
            BaseDelay = TimeSpan.FromMilliseconds(20),
        };
        var feed = new AlarmFeed();
        var manager = new AlarmManager(TimeProvider.System, feed, new AlarmOptions { Roster = ["dr-a", "dr-b"], AcknowledgeTimeout = TimeSpan.Zero });
        var access = new RecordingPatientDataAccess();
        var notifier = new AlarmNotifier(feed, [new SmtpEmailChannel(options.Smtp)], access, new InMemoryDeadLetterStore(), options, TimeProvider.System);
        var raised = manager.Report(new ConditionEvent("p-9c1e", ClinicalCondition.Hypoglycemia, true, AlertSeverity.High, DateTimeOffset.UnixEpoch, "glucose 48 mg/dL"))!;

        Assert.Equal(NotificationResult.Delivered, await notifier.NotifyAsync(raised, CancellationToken.None));
        var mail = await smtp.NextAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["dr.a@clinic.example"], mail.To);
        Assert.Equal("alerts@sensorchain.example", mail.From);
        var subject = mail.Data.Split("\r\n").First(l => l.StartsWith("Subject:", StringComparison.Ordinal));
        Assert.Contains("High priority alarm", subject, StringComparison.Ordinal);
        Assert.Contains("https://dashboard.example/alarms/" + raised.AlarmId.ToString("N"), mail.Data, StringComparison.Ordinal);
        foreach (var phi in new[] { "p-9c1e", "hypoglyc", "48 mg", "mg/dL", "glucose" })
        {
            Assert.DoesNotContain(phi, mail.Data, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(PatientDataCategory.Glucose, Assert.Single(access.Requests).Category);

        // Revoked for dr-b: the escalation e-mail is not sent (the next e-mail the server sees is the one for p-other).
        access.Revoke("dr-b", "p-9c1e");
        var escalated = Assert.Single(manager.Tick());
        Assert.Equal("dr-b", escalated.Recipient);
        Assert.Equal(NotificationResult.Denied, await notifier.NotifyAsync(escalated, CancellationToken.None));
        var other = manager.Report(new ConditionEvent("p-other", ClinicalCondition.Fever, true, AlertSeverity.Low, DateTimeOffset.UnixEpoch, "38.4"))!;
        Assert.Equal(NotificationResult.Delivered, await notifier.NotifyAsync(other, CancellationToken.None));
        Assert.Equal(["dr.a@clinic.example"], (await smtp.NextAsync(TimeSpan.FromSeconds(20))).To);
    }
}
