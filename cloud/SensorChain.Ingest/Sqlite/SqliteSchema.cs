namespace SensorChain.Ingest.Sqlite;

/// <summary>Versioned schema migrations of the SQLite store, applied in order and recorded in <c>schema_migrations</c>.</summary>
internal static class SqliteSchema
{
    public static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "devices, batches, chain heads, versioned resources, observation search columns", """
            CREATE TABLE devices(
                device_id TEXT PRIMARY KEY,
                public_key BLOB NOT NULL,
                patient_id TEXT NOT NULL,
                enrolled_at_ms INTEGER NOT NULL);
            CREATE TABLE batches(
                device_id TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                hash BLOB NOT NULL,
                previous_hash BLOB NOT NULL,
                start_unix_ms INTEGER NOT NULL,
                received_at_ms INTEGER NOT NULL,
                compressed BLOB NOT NULL,
                PRIMARY KEY(device_id, sequence)) WITHOUT ROWID;
            CREATE TABLE chain_heads(
                device_id TEXT PRIMARY KEY,
                head_sequence INTEGER NOT NULL,
                head_hash BLOB NOT NULL,
                stored_count INTEGER NOT NULL);
            CREATE TABLE resources(
                resource_type TEXT NOT NULL,
                id TEXT NOT NULL,
                version_id INTEGER NOT NULL,
                last_updated_ms INTEGER NOT NULL,
                is_current INTEGER NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY(resource_type, id, version_id));
            CREATE INDEX ix_resources_current ON resources(is_current, resource_type, last_updated_ms);
            CREATE TABLE observations(
                id TEXT PRIMARY KEY,
                patient_id TEXT NOT NULL,
                device_id TEXT,
                effective_start_ms INTEGER NOT NULL,
                effective_end_ms INTEGER NOT NULL,
                last_updated_ms INTEGER NOT NULL,
                identifier TEXT);
            CREATE INDEX ix_observations_patient_date ON observations(patient_id, effective_start_ms);
            CREATE INDEX ix_observations_date ON observations(effective_start_ms);
            CREATE INDEX ix_observations_updated ON observations(last_updated_ms);
            CREATE UNIQUE INDEX ix_observations_identifier ON observations(identifier) WHERE identifier IS NOT NULL;
            CREATE TABLE observation_tokens(
                observation_id TEXT NOT NULL,
                kind INTEGER NOT NULL,
                system TEXT NOT NULL,
                code TEXT NOT NULL,
                PRIMARY KEY(observation_id, kind, system, code)) WITHOUT ROWID;
            CREATE INDEX ix_observation_tokens_code ON observation_tokens(kind, code, system, observation_id);
            """),
    ];
}
