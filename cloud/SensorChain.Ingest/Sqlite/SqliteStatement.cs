using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SensorChain.Ingest.Sqlite;

/// <summary>
/// One statement prepared once on the writer's connection and driven through SQLite's C API (bind by position, step,
/// reset): Microsoft.Data.Sqlite's per-execution work (a data reader, parameter lookup by name, UTF-8 copies) was about a
/// fifth of the writer's time. Failures throw <see cref="SqliteException"/> with SQLite's own message and codes.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private const int Row = 100; // SQLITE_ROW
    private const int Done = 101; // SQLITE_DONE
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(sqlite3 db, string sql)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v2(db, sql, out _statement));
    }

    private byte[] _utf8 = new byte[256];

    /// <summary>
    /// Binds text as UTF-8, the database's encoding: .NET's vectorised transcoding into a reused buffer (SQLite copies it,
    /// SQLITE_TRANSIENT) instead of SQLite's own conversion from UTF-16, which was most of the cost of binding FHIR JSON.
    /// </summary>
    public SqliteStatement Text(int index, string? value)
    {
        if (value is null)
        {
            return Checked(raw.sqlite3_bind_null(_statement, index));
        }

        if (value.Length == 0)
        {
            return Checked(raw.sqlite3_bind_text16(_statement, index, value.AsSpan())); // an empty span would bind NULL
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < most)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _utf8);
        return Checked(raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length)));
    }

    public SqliteStatement Null(int index) => Checked(raw.sqlite3_bind_null(_statement, index));

    public SqliteStatement Integer(int index, long value) => Checked(raw.sqlite3_bind_int64(_statement, index, value));

    public SqliteStatement Blob(int index, ReadOnlySpan<byte> value) => Checked(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs a statement that returns no rows, then resets it.</summary>
    public void Execute()
    {
        try
        {
            Step();
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps once: true when a row is available (read it, then call <see cref="Reset"/>).</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc is Row or Done)
        {
            return rc == Row;
        }

        raw.sqlite3_reset(_statement);
        throw Failure(rc);
    }

    public void Reset() => raw.sqlite3_reset(_statement);

    /// <summary>Rows the last completed INSERT, UPDATE or DELETE on the connection changed.</summary>
    public int Changes => raw.sqlite3_changes(_db);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public ReadOnlySpan<byte> Bytes(int column) => raw.sqlite3_column_blob(_statement, column);

    public string String(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public void Dispose() => _statement.Dispose();

    private SqliteStatement Checked(int rc)
    {
        Check(rc);
        return this;
    }

    private void Check(int rc)
    {
        if (rc != 0)
        {
            throw Failure(rc);
        }
    }

    private SqliteException Failure(int rc) =>
        new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
}
