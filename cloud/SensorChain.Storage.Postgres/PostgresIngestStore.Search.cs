using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using SensorChain.Ingest.Storage;

namespace SensorChain.Storage.Postgres;

/// <content>Observation search and export.</content>
public sealed partial class PostgresIngestStore
{
    /// <inheritdoc />
    public async Task<ObservationPage> SearchObservationsAsync(ObservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        var sql = new ObservationSql(query);
        var order = query.DescendingByDate ? "effective_start DESC, id COLLATE \"C\" DESC" : "effective_start, id COLLATE \"C\"";
        var limit = "$" + (sql.ParameterCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var offset = "$" + (sql.ParameterCount + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM observations WHERE {sql.Where}");
        sql.AddTo(count.Parameters);
        batch.BatchCommands.Add(count);
        var page = new NpgsqlBatchCommand($"SELECT {ObservationColumns} FROM observations WHERE {sql.Where} ORDER BY {order} LIMIT {limit} OFFSET {offset}");
        sql.AddTo(page.Parameters);
        page.Parameters.Add(new NpgsqlParameter { Value = (long)query.Count, NpgsqlDbType = NpgsqlDbType.Bigint });
        page.Parameters.Add(new NpgsqlParameter { Value = (long)query.Offset, NpgsqlDbType = NpgsqlDbType.Bigint });
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<FhirResourceRecord>(Math.Min(query.Count, 1000));
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadObservation(reader));
        }

        return new ObservationPage(items, total);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<FhirResourceRecord> ExportAsync(string? resourceType, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT * FROM (
                SELECT 'Observation' AS resource_type, id, version_id, last_updated, resource::text FROM observations
                WHERE ($1::text IS NULL OR $1 = 'Observation') AND ($2::timestamptz IS NULL OR last_updated >= $2)
                UNION ALL
                SELECT resource_type, id, version_id, last_updated, resource::text FROM resources
                WHERE ($1::text IS NULL OR resource_type = $1) AND ($2::timestamptz IS NULL OR last_updated >= $2)
            ) AS r ORDER BY resource_type COLLATE "C", id COLLATE "C"
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)resourceType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = since is { } s ? PgValues.Utc(s) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new FhirResourceRecord(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), PgValues.FromUtc(reader.GetDateTime(3)), reader.GetString(4));
        }
    }
}
