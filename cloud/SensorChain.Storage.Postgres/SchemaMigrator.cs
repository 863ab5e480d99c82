using System.Reflection;
using Npgsql;

namespace SensorChain.Storage.Postgres;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts in order, each in its own transaction, recording
/// them in <c>schema_version</c>. An advisory lock serialises several processes starting at once.
/// </summary>
internal static class SchemaMigrator
{
    private const long MigrationLockKey = 0x5345_4E53_4348_4131; // "SENSCHA1"

    /// <summary>The migrations shipped with this assembly, ordered by version.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    /// <summary>The schema version this code expects.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection))
        {
            lockCommand.Parameters.AddWithValue(MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using (var create = new NpgsqlCommand(
                "CREATE TABLE IF NOT EXISTS schema_version (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            int current;
            await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection))
            {
                current = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
            }

            if (current > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The database schema is version {current}, newer than this build understands ({LatestVersion}). Upgrade SensorChain.");
            }

            foreach (var (version, name, sql) in Migrations)
            {
                if (version <= current)
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var apply = new NpgsqlCommand(sql, connection, transaction))
                {
                    await apply.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.AddWithValue(version);
                    record.Parameters.AddWithValue(name);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                current = version;
            }

            return current;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            unlock.Parameters.AddWithValue(MigrationLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static List<(int, string, string)> LoadMigrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        const string prefix = "SensorChain.Storage.Postgres.Migrations.";
        var list = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[prefix.Length..^4];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add((version, name, reader.ReadToEnd()));
        }

        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return list;
    }
}
