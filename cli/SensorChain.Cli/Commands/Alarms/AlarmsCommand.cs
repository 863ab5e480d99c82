using System.CommandLine;
using System.Globalization;
using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Notifications;

namespace SensorChain.Cli.Commands.Alarms;

/// <summary>
/// <c>sensorchain alarms history|dead-letters --data DIR</c>: reads the cloud's durable alarm database
/// (<c>DIR/alarms.db</c>) — every alarm state change, and the notifications that could not be delivered.
/// </summary>
internal static class AlarmsCommand
{
    public static Command Create() => new("alarms", "Alarm history and undeliverable notifications from the cloud's alarms.db.")
    {
        History(),
        DeadLetters(),
    };

    private static Option<string> DataOption() =>
        new("--data") { Description = "Cloud data folder (holds alarms.db). Env SENSORCHAIN_DATA.", DefaultValueFactory = _ => EnvironmentDefaults.Data("./.sensorchain/cloud") };

    private static Command History()
    {
        var data = DataOption();
        var patient = new Option<string>("--patient") { Description = "Only this patient id (pseudonym).", Required = true };
        var limit = new Option<int>("--limit") { Description = "Most recent changes to show.", DefaultValueFactory = _ => 50 };
        var command = new Command("history", "Every recorded state change of one patient's alarms, oldest first.") { data, patient, limit };
        command.SetAction(parse =>
        {
            var path = Database(parse.GetValue(data)!);
            if (path is null)
            {
                return 2;
            }

            using var store = new SqliteAlarmHistoryStore(path);
            foreach (var c in store.ForPatient(parse.GetValue(patient)!, Math.Max(1, parse.GetValue(limit))))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Sequence,6} {c.At:O} {c.AlarmId:N} {c.Condition,-24} {c.Kind,-14} {c.Severity,-8} {c.State,-12} to={c.Recipient ?? "-"} by={c.Actor}"));
            }

            return 0;
        });
        return command;
    }

    private static Command DeadLetters()
    {
        var data = DataOption();
        var alarm = new Option<string?>("--alarm") { Description = "Only this alarm id (32 hex digits)." };
        var limit = new Option<int>("--limit") { Description = "Most recent dead letters to show.", DefaultValueFactory = _ => 50 };
        var command = new Command("dead-letters", "Notifications that failed every retry, newest first.") { data, alarm, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = Database(parse.GetValue(data)!);
            if (path is null)
            {
                return 2;
            }

            Guid? alarmId = null;
            if (parse.GetValue(alarm) is { } text)
            {
                if (!Guid.TryParse(text, out var id))
                {
                    Console.Error.WriteLine($"error: --alarm '{text}' is not an alarm id (32 hex digits).");
                    return 2;
                }

                alarmId = id;
            }

            using var store = new SqliteDeadLetterStore(path);
            var letters = await store.ListAsync(alarmId, Math.Max(1, parse.GetValue(limit)), cancellationToken);
            foreach (var l in letters)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{l.FailedAt:O} {l.Channel,-8} to={l.RecipientId} alarm={l.AlarmId:N} seq={l.Sequence} attempts={l.Attempts} error={l.LastError}"));
            }

            Console.WriteLine($"{letters.Count} dead letter(s)");
            return 0;
        });
        return command;
    }

    private static string? Database(string folder)
    {
        var path = Path.Combine(Path.GetFullPath(folder), "alarms.db");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: no alarm database at '{path}' (is --data the cloud's data folder?).");
            return null;
        }

        return path;
    }
}
