using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SensorChain.Clinical.Alarms;

/// <summary>
/// The embedded default <see cref="IAlarmHistoryStore"/>: one SQLite file (WAL), table <c>alarm_changes</c> with one
/// row per change and the alarm's state after it as JSON. Writes are synchronous and durable before the change is
/// published (every state change is recorded even if the process dies right after).
/// </summary>
public sealed class SqliteAlarmHistoryStore : IAlarmHistoryStore, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;

    /// <summary>Opens (or creates) the database file.</summary>
    /// <param name="path">The SQLite file, e.g. <c>DATA/alarms.db</c>.</param>
    public SqliteAlarmHistoryStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS alarm_changes (
                sequence INTEGER PRIMARY KEY,
                alarm_id TEXT NOT NULL,
                patient_id TEXT NOT NULL,
                condition TEXT NOT NULL,
                kind TEXT NOT NULL,
                severity TEXT NOT NULL,
                state TEXT NOT NULL,
                at TEXT NOT NULL,
                evidence_at TEXT NOT NULL,
                recipient TEXT NULL,
                actor TEXT NOT NULL,
                detail TEXT NOT NULL,
                alarm TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS alarm_changes_patient ON alarm_changes(patient_id, sequence);
            """);
    }

    /// <inheritdoc />
    public void Append(AlarmChange change, Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(alarm);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO alarm_changes (sequence, alarm_id, patient_id, condition, kind, severity, state, at, evidence_at, recipient, actor, detail, alarm)
                VALUES ($seq, $id, $patient, $condition, $kind, $severity, $state, $at, $evidence, $recipient, $actor, $detail, $alarm)
                """;
            command.Parameters.AddWithValue("$seq", change.Sequence);
            command.Parameters.AddWithValue("$id", change.AlarmId.ToString("N"));
            command.Parameters.AddWithValue("$patient", change.PatientId);
            command.Parameters.AddWithValue("$condition", change.Condition);
            command.Parameters.AddWithValue("$kind", change.Kind.ToString());
            command.Parameters.AddWithValue("$severity", change.Severity.ToString());
            command.Parameters.AddWithValue("$state", change.State.ToString());
            command.Parameters.AddWithValue("$at", change.At.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$evidence", change.EvidenceAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$recipient", (object?)change.Recipient ?? DBNull.Value);
            command.Parameters.AddWithValue("$actor", change.Actor);
            command.Parameters.AddWithValue("$detail", change.Detail);
            command.Parameters.AddWithValue("$alarm", JsonSerializer.Serialize(alarm, Json));
            command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public AlarmHistory Load()
    {
        lock (_gate)
        {
            var changes = Query("SELECT * FROM alarm_changes ORDER BY sequence", null, int.MaxValue, out var alarms);
            return new AlarmHistory(changes, [.. alarms.Values]);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<AlarmChange> ForPatient(string patientId, int limit = 500)
    {
        lock (_gate)
        {
            var rows = Query("SELECT * FROM (SELECT * FROM alarm_changes WHERE patient_id = $patient ORDER BY sequence DESC LIMIT $limit) ORDER BY sequence", patientId, limit, out _);
            return rows;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private List<AlarmChange> Query(string sql, string? patientId, int limit, out Dictionary<Guid, Alarm> alarms)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (patientId is not null)
        {
            command.Parameters.AddWithValue("$patient", patientId);
            command.Parameters.AddWithValue("$limit", limit);
        }

        var changes = new List<AlarmChange>();
        alarms = [];
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var change = new AlarmChange(
                reader.GetInt64(0),
                Guid.ParseExact(reader.GetString(1), "N"),
                reader.GetString(2),
                reader.GetString(3),
                Enum.Parse<AlarmChangeKind>(reader.GetString(4)),
                Enum.Parse<Detection.AlertSeverity>(reader.GetString(5)),
                Enum.Parse<AlarmState>(reader.GetString(6)),
                DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetString(10),
                reader.GetString(11));
            changes.Add(change);
            alarms[change.AlarmId] = JsonSerializer.Deserialize<Alarm>(reader.GetString(12), Json)
                ?? throw new InvalidDataException($"Alarm history row {change.Sequence} has no alarm state.");
        }

        return changes;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
