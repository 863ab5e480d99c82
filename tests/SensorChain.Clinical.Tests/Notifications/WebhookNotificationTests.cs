using System.Text;
using System.Text.Json;
using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Detection;
using SensorChain.Clinical.Notifications;
using SensorChain.Ingest.Access;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Clinical.Tests.Notifications;

public sealed class WebhookNotificationTests
{
    private const string Secret = "test-secret-0123456789";

    private static NotificationOptions Options(Uri hook, int attempts = 4) => new()
    {
        Contacts = [new ClinicianContact("dr-a", Webhook: hook, WebhookSecret: Secret), new ClinicianContact("dr-b", Webhook: hook, WebhookSecret: Secret)],
        DashboardBaseUrl = new Uri("https://dashboard.example/"),
        MaxAttempts = attempts,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    private static (AlarmManager Manager, AlarmNotifier Notifier) Build(NotificationOptions options, IPatientDataAccess access, IDeadLetterStore deadLetters, HttpClient http)
    {
        var feed = new AlarmFeed();
        var manager = new AlarmManager(TimeProvider.System, feed, new AlarmOptions { Roster = ["dr-a", "dr-b"], AcknowledgeTimeout = TimeSpan.Zero });
        var notifier = new AlarmNotifier(feed, [new WebhookChannel(http, TimeProvider.System)], access, deadLetters, options, TimeProvider.System);
        return (manager, notifier);
    }

    private static ConditionEvent Event(string patient, string condition) =>
        new(patient, condition, true, AlertSeverity.High, DateTimeOffset.UnixEpoch, "SpO2 84 %");

    [Fact]
    public async Task Webhook_is_retried_until_it_succeeds_and_every_attempt_is_signed()
    {
        using var receiver = new WebhookReceiver(n => n <= 2 ? 503 : 200);
        using var http = new HttpClient();
        var (manager, notifier) = Build(Options(receiver.Url), new OpenPatientDataAccess(), new InMemoryDeadLetterStore(), http);
        var change = manager.Report(Event("p-7f3a", ClinicalCondition.Desaturation))!;

        var result = await notifier.NotifyAsync(change, CancellationToken.None);

        Assert.Equal(NotificationResult.Delivered, result);
        var requests = receiver.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.Single(requests.Select(r => r.Headers[WebhookChannel.DeliveryHeader]).Distinct());
        foreach (var (headers, body) in requests)
        {
            var timestamp = headers[WebhookChannel.TimestampHeader];
            Assert.Equal(WebhookChannel.Sign(Secret, timestamp, body), headers[WebhookChannel.SignatureHeader]);
            Assert.NotEqual(WebhookChannel.Sign("another-secret", timestamp, body), headers[WebhookChannel.SignatureHeader]);
            Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        }

        using var json = JsonDocument.Parse(requests[^1].Body);
        Assert.Equal(change.AlarmId.ToString("N"), json.RootElement.GetProperty("alarm").GetString());
        Assert.Equal("desaturation", json.RootElement.GetProperty("condition").GetString());
        Assert.Equal("dr-a", json.RootElement.GetProperty("recipient").GetString());
        // No measured value: neither the detail text nor any JSON number 84 (timestamps and ids may contain the digits).
        var sent = Encoding.UTF8.GetString(requests[^1].Body);
        Assert.DoesNotContain("SpO2", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(json.RootElement.EnumerateObject(), p => p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() == 84);
    }

    [Fact]
    public async Task Webhook_that_keeps_failing_becomes_a_queryable_dead_letter()
    {
        using var dir = new TempDirectory();
        using var deadLetters = new SqliteDeadLetterStore(Path.Combine(dir.Path, "alarms.db"));
        using var receiver = new WebhookReceiver(_ => 500);
        using var http = new HttpClient();
        var (manager, notifier) = Build(Options(receiver.Url, attempts: 3), new OpenPatientDataAccess(), deadLetters, http);
        var change = manager.Report(Event("p-1", ClinicalCondition.Fall))!;

        var result = await notifier.NotifyAsync(change, CancellationToken.None);

        Assert.Equal(NotificationResult.DeadLettered, result);
        Assert.Equal(3, receiver.Requests.Count);
        var letter = Assert.Single(await deadLetters.ListAsync(change.AlarmId, 10, CancellationToken.None));
        Assert.Equal("webhook", letter.Channel);
        Assert.Equal("dr-a", letter.RecipientId);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal(change.Sequence, letter.Sequence);
        Assert.Contains("500", letter.LastError, StringComparison.Ordinal);
        Assert.Empty(await deadLetters.ListAsync(Guid.NewGuid(), 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_revoked_consent_stops_that_clinicians_notifications_at_once_even_between_retries()
    {
        var access = new RecordingPatientDataAccess();
        using var receiver = new WebhookReceiver(n => n == 2 ? 503 : 200, n =>
        {
            if (n == 2)
            {
                access.Revoke("dr-a", "p-2");
            }
        });
        using var http = new HttpClient();
        var deadLetters = new InMemoryDeadLetterStore();
        var (manager, notifier) = Build(Options(receiver.Url), access, deadLetters, http);

        var first = await notifier.NotifyAsync(manager.Report(Event("p-2", ClinicalCondition.Tachycardia))!, CancellationToken.None);
        // The second alarm's first attempt fails and the consent is revoked meanwhile: the retry is refused.
        var second = await notifier.NotifyAsync(manager.Report(Event("p-2", ClinicalCondition.Desaturation))!, CancellationToken.None);
        var third = await notifier.NotifyAsync(manager.Report(Event("p-2", ClinicalCondition.Fever))!, CancellationToken.None);
        var otherPatient = await notifier.NotifyAsync(manager.Report(Event("p-3", ClinicalCondition.Fever))!, CancellationToken.None);

        Assert.Equal(NotificationResult.Delivered, first);
        Assert.Equal(NotificationResult.Denied, second);
        Assert.Equal(NotificationResult.Denied, third);
        Assert.Equal(NotificationResult.Delivered, otherPatient);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Empty(await deadLetters.ListAsync(null, 10, CancellationToken.None));
        Assert.All(access.Requests, r => Assert.Equal(PatientDataAction.Notify, r.Action));
        Assert.Contains(access.Requests, r => r.Category == PatientDataCategory.Vitals && r.PrincipalId == "dr-a");
    }

    [Fact]
    public async Task Escalation_sends_the_alarm_to_the_next_clinician_on_the_roster()
    {
        using var receiver = new WebhookReceiver(_ => 204);
        using var http = new HttpClient();
        var (manager, notifier) = Build(Options(receiver.Url), new OpenPatientDataAccess(), new InMemoryDeadLetterStore(), http);
        var raised = manager.Report(Event("p-4", ClinicalCondition.Hypoglycemia))!;
        var escalated = Assert.Single(manager.Tick());
        var acknowledged = manager.Acknowledge(raised.AlarmId, "dr-b");

        Assert.Equal(NotificationResult.Delivered, await notifier.NotifyAsync(raised, CancellationToken.None));
        Assert.Equal(NotificationResult.Delivered, await notifier.NotifyAsync(escalated, CancellationToken.None));
        Assert.Equal(NotificationResult.NotApplicable, await notifier.NotifyAsync(acknowledged, CancellationToken.None));

        var recipients = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("recipient").GetString()!).ToArray();
        Assert.Equal(["dr-a", "dr-b"], recipients);
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_is_capped()
    {
        var baseDelay = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(30);
        for (var attempt = 2; attempt <= 12; attempt++)
        {
            var d = Math.Min(max.TotalSeconds, Math.Pow(2, attempt - 2));
            Assert.Equal(d / 2, RetryBackoff.Delay(attempt, baseDelay, max, 0).TotalSeconds, 6);
            Assert.Equal(d, RetryBackoff.Delay(attempt, baseDelay, max, 1).TotalSeconds, 6);
            Assert.InRange(RetryBackoff.Delay(attempt, baseDelay, max, 0.37).TotalSeconds, d / 2, d);
        }
    }
}
