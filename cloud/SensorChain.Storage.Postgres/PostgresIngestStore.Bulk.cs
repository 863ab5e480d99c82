using Npgsql;
using NpgsqlTypes;
using SensorChain.Ingest.Storage;

namespace SensorChain.Storage.Postgres;

/// <content>Bulk load of Observations with binary COPY.</content>
public sealed partial class PostgresIngestStore
{
    /// <summary>
    /// Loads Observations (as version 1) with binary COPY into a temporary staging table, then moves them into the
    /// partitioned table with <c>ON CONFLICT DO NOTHING</c> on id and identifier, in chunks of
    /// <paramref name="chunkSize"/> rows per transaction. Returns how many were new. For backfills, imports and
    /// benchmarks; live ingest goes through <see cref="StoreBatchAsync"/>.
    /// </summary>
    public async Task<long> BulkLoadObservationsAsync(IEnumerable<FhirResourceRecord> observations, int chunkSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            """
            CREATE TEMP TABLE IF NOT EXISTS observation_staging (
                id text, version_id int, last_updated timestamptz, patient_id text, device_id text, codes text,
                categories text, effective_start timestamptz, effective_end timestamptz, identifier text, resource text
            ) ON COMMIT DELETE ROWS
            """,
            connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        long inserted = 0;
        var chunk = new List<FhirResourceRecord>(chunkSize);
        foreach (var observation in observations)
        {
            if (observation.ResourceType != ObservationType || observation.Search is null)
            {
                throw new ArgumentException($"{observation.ResourceType}/{observation.Id} is not an Observation with search columns.", nameof(observations));
            }

            chunk.Add(observation);
            if (chunk.Count == chunkSize)
            {
                inserted += await LoadChunkAsync(connection, chunk, cancellationToken);
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            inserted += await LoadChunkAsync(connection, chunk, cancellationToken);
        }

        return inserted;
    }

    /// <summary>Refreshes planner statistics (run after large loads).</summary>
    public async Task AnalyzeAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("ANALYZE observations; ANALYZE observation_keys; ANALYZE resources");
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> LoadChunkAsync(NpgsqlConnection connection, List<FhirResourceRecord> chunk, CancellationToken cancellationToken)
    {
        var months = new HashSet<DateTime>();
        var maxSpan = TimeSpan.Zero;
        foreach (var o in chunk)
        {
            months.Add(PgValues.MonthStart(o.Search!.EffectiveStart));
            var span = o.Search.EffectiveEnd - o.Search.EffectiveStart;
            maxSpan = span > maxSpan ? span : maxSpan;
        }

        foreach (var month in months)
        {
            await EnsurePartitionAsync(new DateTimeOffset(month), cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY observation_staging (id, version_id, last_updated, patient_id, device_id, codes, categories, effective_start, effective_end, identifier, resource) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var o in chunk)
            {
                var s = o.Search!;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(o.Id, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(o.VersionId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(PgValues.Utc(o.LastUpdated), NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(s.PatientId, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(writer, s.DeviceId, cancellationToken);
                await writer.WriteAsync(PgValues.Join(s.Codes), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(PgValues.Join(s.Categories), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(PgValues.Utc(s.EffectiveStart), NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(PgValues.Utc(s.EffectiveEnd), NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullableAsync(writer, s.Identifier, cancellationToken);
                await writer.WriteAsync(o.Json, NpgsqlDbType.Text, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        long inserted;
        await using (var move = new NpgsqlCommand(
            """
            WITH fresh AS (
                INSERT INTO observation_keys (id, identifier, effective_start)
                SELECT id, identifier, effective_start FROM observation_staging
                ON CONFLICT DO NOTHING
                RETURNING id
            )
            INSERT INTO observations (id, version_id, last_updated, patient_id, device_id, codes, code_tokens, categories,
                                      category_tokens, effective_start, effective_end, identifier, resource)
            SELECT s.id, 1, s.last_updated, s.patient_id, s.device_id, string_to_array(s.codes, E'\x1f'), sc_tokens(s.codes),
                   string_to_array(s.categories, E'\x1f'), sc_tokens(s.categories), s.effective_start, s.effective_end, s.identifier, s.resource::json
            FROM observation_staging s JOIN fresh f ON f.id = s.id
            """,
            connection,
            transaction))
        {
            move.CommandTimeout = 600;
            inserted = await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var span = new NpgsqlCommand("UPDATE observation_span SET max_span = $1 WHERE max_span < $1", connection, transaction))
        {
            span.Parameters.AddWithValue(maxSpan);
            await span.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
        }
    }
}
