using Microsoft.Data.Sqlite;

namespace SensorChain.Web.Storage;

/// <summary>The web app's SQLite database (<c>DIR/web.db</c>): users, tokens, consents, patient profiles and the audit chain.</summary>
public sealed class WebDatabase
{
    private const string Schema = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS users(
            id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL,
            organization_id TEXT NULL, patient_id TEXT NULL, password_hash TEXT NOT NULL, created_ms INTEGER NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS tokens(
            token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, scopes TEXT NOT NULL, expires_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS consents(
            id TEXT PRIMARY KEY, patient_id TEXT NOT NULL, version INTEGER NOT NULL, grant_json TEXT NOT NULL, fhir_json TEXT NOT NULL, updated_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS consents_patient ON consents(patient_id);
        CREATE TABLE IF NOT EXISTS profiles(
            patient_id TEXT PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS audit(
            seq INTEGER PRIMARY KEY, patient_id TEXT NULL, actor_id TEXT NOT NULL, recorded_ms INTEGER NOT NULL,
            json TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_patient ON audit(patient_id, seq);
        """;

    private readonly string _connectionString;

    /// <summary>Opens (and creates) the database at <paramref name="path"/>.</summary>
    public WebDatabase(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        Migrate(connection);
    }

    // Databases created before a column existed get it added (SQLite has no ADD COLUMN IF NOT EXISTS).
    private static void Migrate(SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT name FROM pragma_table_info('users')";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var reader = columns.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        if (!names.Contains("disabled"))
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0";
            alter.ExecuteNonQuery();
        }
    }

    /// <summary>An open connection; dispose it after use.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs a statement with parameters (name, value) pairs.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = Prepare(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = Prepare(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Builds a command on <paramref name="connection"/>.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
