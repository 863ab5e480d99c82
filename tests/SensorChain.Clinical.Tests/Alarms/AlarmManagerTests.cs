using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Detection;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Clinical.Tests.Alarms;

public sealed class AlarmManagerTests
{
    private static readonly AlarmOptions Options = new() { Roster = ["dr-a", "dr-b", "dr-c"], AcknowledgeTimeout = TimeSpan.FromMinutes(2), ReminderInterval = TimeSpan.FromMinutes(10) };

    private static ConditionEvent Event(string patient, string condition, bool present = true, AlertSeverity severity = AlertSeverity.Medium) =>
        new(patient, condition, present, severity, DateTimeOffset.UnixEpoch, "test");

    [Fact]
    public async Task Events_for_the_same_patient_and_condition_arriving_together_open_exactly_one_alarm()
    {
        var manager = new AlarmManager(new ManualTimeProvider(), new AlarmFeed(), Options);
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            start.Wait();
            manager.Report(Event("p1", ClinicalCondition.Tachycardia));
            manager.Report(Event("p" + (i % 4), ClinicalCondition.Desaturation));
        })).ToArray();
        start.Set();
        await Task.WhenAll(tasks);

        Assert.Single(manager.OpenAlarms(), a => a.PatientId == "p1" && a.Condition == ClinicalCondition.Tachycardia);
        Assert.Equal(4, manager.OpenAlarms().Count(a => a.Condition == ClinicalCondition.Desaturation));
        Assert.Equal(5, manager.History().Count(c => c.Kind == AlarmChangeKind.Raised));
    }

    [Fact]
    public void Unacknowledged_alarm_escalates_along_the_roster_and_acknowledged_one_gets_reminders()
    {
        var time = new ManualTimeProvider();
        var manager = new AlarmManager(time, new AlarmFeed(), Options);
        var raised = manager.Report(Event("p1", ClinicalCondition.Fall, severity: AlertSeverity.High))!;
        Assert.Equal("dr-a", raised.Recipient);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(manager.Tick());
        time.Advance(TimeSpan.FromMinutes(1));
        var escalated = Assert.Single(manager.Tick());
        Assert.Equal(AlarmChangeKind.Escalated, escalated.Kind);
        Assert.Equal("dr-b", escalated.Recipient);

        manager.Acknowledge(raised.AlarmId, "dr-b");
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(manager.Tick());
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(AlarmChangeKind.Reminder, Assert.Single(manager.Tick()).Kind);

        manager.Clear(raised.AlarmId, "dr-b");
        Assert.Empty(manager.OpenAlarms());
        Assert.Throws<InvalidOperationException>(() => manager.Acknowledge(raised.AlarmId, "dr-a"));
        Assert.Equal(
            [AlarmChangeKind.Raised, AlarmChangeKind.Escalated, AlarmChangeKind.Acknowledged, AlarmChangeKind.Reminder, AlarmChangeKind.Cleared],
            manager.History().Select(c => c.Kind));
    }

    [Fact]
    public void Severity_only_rises_and_a_resolved_condition_clears_the_alarm()
    {
        var manager = new AlarmManager(new ManualTimeProvider(), new AlarmFeed(), Options);
        manager.Report(Event("p1", ClinicalCondition.Hypoglycemia));
        Assert.Equal(AlarmChangeKind.SeverityRaised, manager.Report(Event("p1", ClinicalCondition.Hypoglycemia, severity: AlertSeverity.High))!.Kind);
        Assert.Null(manager.Report(Event("p1", ClinicalCondition.Hypoglycemia, severity: AlertSeverity.Low)));
        Assert.Equal(AlarmChangeKind.Cleared, manager.Report(Event("p1", ClinicalCondition.Hypoglycemia, present: false))!.Kind);
        Assert.Empty(manager.OpenAlarms());
    }

    [Fact]
    public async Task Live_feed_delivers_changes_to_a_subscriber_and_the_alarm_maps_to_FHIR_resources()
    {
        var feed = new AlarmFeed();
        var manager = new AlarmManager(new ManualTimeProvider(), feed, Options);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new List<AlarmChange>();
        var reader = Task.Run(async () =>
        {
            await foreach (var c in feed.Subscribe(cts.Token))
            {
                received.Add(c);
                if (received.Count == 2)
                {
                    break;
                }
            }
        });
        while (feed.SubscriberCount == 0)
        {
            await Task.Delay(5);
        }

        var raised = manager.Report(Event("p9", ClinicalCondition.Fever))!;
        manager.Acknowledge(raised.AlarmId, "dr-a");
        await reader;
        Assert.Equal([AlarmChangeKind.Raised, AlarmChangeKind.Acknowledged], received.Select(c => c.Kind));

        var alarm = manager.Find(raised.AlarmId)!;
        Assert.Equal("active", AlarmFhir.ToFlag(alarm).Status);
        Assert.Equal("Patient/p9", AlarmFhir.ToDetectedIssue(alarm).Patient!.Reference);
        Assert.Equal("urgent", AlarmFhir.ToCommunication(raised).Priority);
    }
}
