using Npgsql;
using NpgsqlTypes;
using SensorChain.Ingest.Storage;

namespace SensorChain.Storage.Postgres;

/// <content>Versioned create/update, read and vread.</content>
public sealed partial class PostgresIngestStore
{
    private const string ObservationColumns = "id, version_id, last_updated, resource::text";

    /// <inheritdoc />
    public async Task<FhirResourceRecord> UpsertResourceAsync(FhirResourceRecord resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var searchable = resource.ResourceType == ObservationType && resource.Search is not null;
        if (searchable)
        {
            await EnsurePartitionAsync(resource.Search!.EffectiveStart, cancellationToken);
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = searchable
            ? await LockCurrentObservationAsync(connection, transaction, resource, cancellationToken)
            : await LockCurrentResourceAsync(connection, transaction, resource, cancellationToken);

        if (current is not null)
        {
            if (current.Json == resource.Json)
            {
                await transaction.CommitAsync(cancellationToken);
                return current;
            }

            await using var history = new NpgsqlCommand(
                "INSERT INTO resource_history (resource_type, id, version_id, last_updated, resource) VALUES ($1, $2, $3, $4, $5::json) ON CONFLICT DO NOTHING",
                connection,
                transaction);
            history.Parameters.AddWithValue(current.ResourceType);
            history.Parameters.AddWithValue(current.Id);
            history.Parameters.AddWithValue(current.VersionId);
            history.Parameters.AddWithValue(PgValues.Utc(current.LastUpdated));
            history.Parameters.AddWithValue(current.Json);
            await history.ExecuteNonQueryAsync(cancellationToken);
        }

        var version = current is null ? 1 : current.VersionId + 1;
        var lastUpdated = PgValues.Ms(resource.LastUpdated);
        if (searchable)
        {
            await WriteObservationAsync(connection, transaction, resource, version, lastUpdated, replace: current is not null, cancellationToken);
        }
        else
        {
            await using var write = new NpgsqlCommand(
                """
                INSERT INTO resources (resource_type, id, version_id, last_updated, resource) VALUES ($1, $2, $3, $4, $5::json)
                ON CONFLICT (resource_type, id) DO UPDATE SET version_id = excluded.version_id, last_updated = excluded.last_updated, resource = excluded.resource
                """,
                connection,
                transaction);
            write.Parameters.AddWithValue(resource.ResourceType);
            write.Parameters.AddWithValue(resource.Id);
            write.Parameters.AddWithValue(version);
            write.Parameters.AddWithValue(PgValues.Utc(lastUpdated));
            write.Parameters.AddWithValue(resource.Json);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new FhirResourceRecord(resource.ResourceType, resource.Id, version, lastUpdated, resource.Json);
    }

    /// <inheritdoc />
    public async Task<FhirResourceRecord?> ReadResourceAsync(string resourceType, string id, CancellationToken cancellationToken)
    {
        if (resourceType == ObservationType)
        {
            await using var command = _dataSource.CreateCommand(
                $"""
                SELECT {ObservationColumns} FROM observations
                WHERE id = $1 AND effective_start = (SELECT effective_start FROM observation_keys WHERE id = $1)
                """);
            command.Parameters.AddWithValue(id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return ReadObservation(reader);
            }
        }

        // Other types, and Observations stored without search columns.
        await using var other = _dataSource.CreateCommand(
            "SELECT version_id, last_updated, resource::text FROM resources WHERE resource_type = $1 AND id = $2");
        other.Parameters.AddWithValue(resourceType);
        other.Parameters.AddWithValue(id);
        await using var otherReader = await other.ExecuteReaderAsync(cancellationToken);
        return await otherReader.ReadAsync(cancellationToken)
            ? new FhirResourceRecord(resourceType, id, otherReader.GetInt32(0), PgValues.FromUtc(otherReader.GetDateTime(1)), otherReader.GetString(2))
            : null;
    }

    /// <inheritdoc />
    public async Task<FhirResourceRecord?> ReadResourceVersionAsync(string resourceType, string id, int versionId, CancellationToken cancellationToken)
    {
        var current = await ReadResourceAsync(resourceType, id, cancellationToken);
        if (current is null || current.VersionId == versionId)
        {
            return current;
        }

        await using var command = _dataSource.CreateCommand(
            "SELECT last_updated, resource::text FROM resource_history WHERE resource_type = $1 AND id = $2 AND version_id = $3");
        command.Parameters.AddWithValue(resourceType);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(versionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new FhirResourceRecord(resourceType, id, versionId, PgValues.FromUtc(reader.GetDateTime(0)), reader.GetString(1))
            : null;
    }

    private static FhirResourceRecord ReadObservation(NpgsqlDataReader reader) =>
        new(ObservationType, reader.GetString(0), reader.GetInt32(1), PgValues.FromUtc(reader.GetDateTime(2)), reader.GetString(3));

    private static async Task<FhirResourceRecord?> LockCurrentResourceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, FhirResourceRecord resource, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT version_id, last_updated, resource::text FROM resources WHERE resource_type = $1 AND id = $2 FOR UPDATE",
            connection,
            transaction);
        command.Parameters.AddWithValue(resource.ResourceType);
        command.Parameters.AddWithValue(resource.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new FhirResourceRecord(resource.ResourceType, resource.Id, reader.GetInt32(0), PgValues.FromUtc(reader.GetDateTime(1)), reader.GetString(2))
            : null;
    }

    /// <summary>Claims the id (and identifier) in observation_keys, or locks the existing key row and returns the current version.</summary>
    private static async Task<FhirResourceRecord?> LockCurrentObservationAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, FhirResourceRecord resource, CancellationToken cancellationToken)
    {
        await using (var claim = new NpgsqlCommand(
            "INSERT INTO observation_keys (id, identifier, effective_start) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
            connection,
            transaction))
        {
            claim.Parameters.AddWithValue(resource.Id);
            claim.Parameters.Add(new NpgsqlParameter { Value = (object?)resource.Search!.Identifier ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            claim.Parameters.AddWithValue(PgValues.Utc(resource.Search.EffectiveStart));
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return null;
            }
        }

        await using var command = new NpgsqlCommand(
            $"""
            SELECT {ObservationColumns} FROM observations
            WHERE id = $1 AND effective_start = (SELECT effective_start FROM observation_keys WHERE id = $1 FOR UPDATE)
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue(resource.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadObservation(reader) : null;
    }

    private static async Task WriteObservationAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, FhirResourceRecord resource, int version, DateTimeOffset lastUpdated, bool replace, CancellationToken cancellationToken)
    {
        var search = resource.Search!;
        if (replace)
        {
            await using (var delete = new NpgsqlCommand(
                "DELETE FROM observations WHERE id = $1 AND effective_start = (SELECT effective_start FROM observation_keys WHERE id = $1)",
                connection,
                transaction))
            {
                delete.Parameters.AddWithValue(resource.Id);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var rekey = new NpgsqlCommand(
                "UPDATE observation_keys SET identifier = $2, effective_start = $3 WHERE id = $1", connection, transaction);
            rekey.Parameters.AddWithValue(resource.Id);
            rekey.Parameters.Add(new NpgsqlParameter { Value = (object?)search.Identifier ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            rekey.Parameters.AddWithValue(PgValues.Utc(search.EffectiveStart));
            await rekey.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO observations (id, version_id, last_updated, patient_id, device_id, codes, code_tokens, categories, category_tokens,
                                      effective_start, effective_end, identifier, resource)
            VALUES ($1, $2, $3, $4, $5, string_to_array($6, E'\x1f'), sc_tokens($6), string_to_array($7, E'\x1f'), sc_tokens($7), $8, $9, $10, $11::json)
            """,
            connection,
            transaction);
        insert.Parameters.AddWithValue(resource.Id);
        insert.Parameters.AddWithValue(version);
        insert.Parameters.AddWithValue(PgValues.Utc(lastUpdated));
        insert.Parameters.AddWithValue(search.PatientId);
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)search.DeviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.AddWithValue(PgValues.Join(search.Codes));
        insert.Parameters.AddWithValue(PgValues.Join(search.Categories));
        insert.Parameters.AddWithValue(PgValues.Utc(search.EffectiveStart));
        insert.Parameters.AddWithValue(PgValues.Utc(search.EffectiveEnd));
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)search.Identifier ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.AddWithValue(resource.Json);
        await insert.ExecuteNonQueryAsync(cancellationToken);

        await using var span = new NpgsqlCommand("UPDATE observation_span SET max_span = $2 - $1 WHERE max_span < $2 - $1", connection, transaction);
        span.Parameters.AddWithValue(PgValues.Utc(search.EffectiveStart));
        span.Parameters.AddWithValue(PgValues.Utc(search.EffectiveEnd));
        await span.ExecuteNonQueryAsync(cancellationToken);
    }
}
