using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Detection;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Clinical.Tests.Alarms;

public sealed class AlarmHistoryPersistenceTests
{
    private static readonly AlarmOptions Options = new() { Roster = ["dr-a", "dr-b"], AcknowledgeTimeout = TimeSpan.FromMinutes(2) };

    private static ConditionEvent Event(string patient, string condition, bool present = true) =>
        new(patient, condition, present, AlertSeverity.Medium, DateTimeOffset.UnixEpoch, "test evidence");

    [Fact]
    public void Every_state_change_survives_a_restart_and_open_alarms_stay_open()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "alarms.db");
        var time = new ManualTimeProvider();
        Guid fall, fever;
        List<AlarmChange> before;
        using (var store = new SqliteAlarmHistoryStore(path))
        {
            var manager = new AlarmManager(time, new AlarmFeed(), Options, store);
            fall = manager.Report(Event("p1", ClinicalCondition.Fall))!.AlarmId;
            fever = manager.Report(Event("p2", ClinicalCondition.Fever))!.AlarmId;
            manager.Acknowledge(fall, "dr-a");
            time.Advance(TimeSpan.FromMinutes(3));
            manager.Tick(); // fever escalates to dr-b
            manager.Report(Event("p1", ClinicalCondition.Fall, present: false));
            before = [.. manager.History()];
        }

        using var reopened = new SqliteAlarmHistoryStore(path);
        var restarted = new AlarmManager(time, new AlarmFeed(), Options, reopened);

        Assert.Equal(before, restarted.History());
        Assert.Equal([AlarmChangeKind.Raised, AlarmChangeKind.Raised, AlarmChangeKind.Acknowledged, AlarmChangeKind.Escalated, AlarmChangeKind.Cleared], restarted.History().Select(c => c.Kind));
        var open = Assert.Single(restarted.OpenAlarms());
        Assert.Equal(fever, open.Id);
        Assert.Equal("dr-b", open.AssignedTo);
        Assert.Equal(AlarmState.Cleared, restarted.Find(fall)!.State);

        // The restored manager continues the sequence and still holds one alarm per patient+condition.
        Assert.Null(restarted.Report(Event("p2", ClinicalCondition.Fever)));
        var next = restarted.Acknowledge(fever, "dr-b");
        Assert.Equal(before[^1].Sequence + 1, next.Sequence);
        Assert.Equal(2, reopened.ForPatient("p2").Count(c => c.Kind is AlarmChangeKind.Escalated or AlarmChangeKind.Acknowledged));
    }
}
