using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SensorChain.Clinical.Notifications;

/// <summary>Dead letters in SQLite (table <c>notification_dead_letters</c>, by default in the alarm database file).</summary>
public sealed class SqliteDeadLetterStore : IDeadLetterStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;

    /// <summary>Opens (or creates) the database file.</summary>
    public SqliteDeadLetterStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            PRAGMA busy_timeout=5000;
            CREATE TABLE IF NOT EXISTS notification_dead_letters (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                delivery_id TEXT NOT NULL,
                channel TEXT NOT NULL,
                recipient TEXT NOT NULL,
                alarm_id TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                last_error TEXT NOT NULL,
                failed_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS notification_dead_letters_alarm ON notification_dead_letters(alarm_id);
            """;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO notification_dead_letters (delivery_id, channel, recipient, alarm_id, sequence, attempts, last_error, failed_at)
                VALUES ($delivery, $channel, $recipient, $alarm, $seq, $attempts, $error, $at)
                """;
            command.Parameters.AddWithValue("$delivery", letter.DeliveryId);
            command.Parameters.AddWithValue("$channel", letter.Channel);
            command.Parameters.AddWithValue("$recipient", letter.RecipientId);
            command.Parameters.AddWithValue("$alarm", letter.AlarmId.ToString("N"));
            command.Parameters.AddWithValue("$seq", letter.Sequence);
            command.Parameters.AddWithValue("$attempts", letter.Attempts);
            command.Parameters.AddWithValue("$error", letter.LastError);
            command.Parameters.AddWithValue("$at", letter.FailedAt.ToString("O", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<DeadLetter>> ListAsync(Guid? alarmId, int limit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = alarmId is null
                ? "SELECT delivery_id, channel, recipient, alarm_id, sequence, attempts, last_error, failed_at FROM notification_dead_letters ORDER BY id DESC LIMIT $limit"
                : "SELECT delivery_id, channel, recipient, alarm_id, sequence, attempts, last_error, failed_at FROM notification_dead_letters WHERE alarm_id = $alarm ORDER BY id DESC LIMIT $limit";
            command.Parameters.AddWithValue("$limit", limit);
            if (alarmId is { } id)
            {
                command.Parameters.AddWithValue("$alarm", id.ToString("N"));
            }

            var result = new List<DeadLetter>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(new DeadLetter(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), Guid.ParseExact(reader.GetString(3), "N"),
                    reader.GetInt64(4), reader.GetInt32(5), reader.GetString(6), DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture)));
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }
}
