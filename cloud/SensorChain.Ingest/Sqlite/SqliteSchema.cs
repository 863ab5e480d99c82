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
        (2, "observation codes and categories as columns of a WITHOUT ROWID observations table (no token table)", """
            CREATE TABLE observations_v2(
                id TEXT PRIMARY KEY,
                patient_id TEXT NOT NULL,
                device_id TEXT,
                effective_start_ms INTEGER NOT NULL,
                effective_end_ms INTEGER NOT NULL,
                last_updated_ms INTEGER NOT NULL,
                identifier TEXT,
                codes TEXT NOT NULL,
                categories TEXT NOT NULL) WITHOUT ROWID;
            INSERT INTO observations_v2
            SELECT o.id, o.patient_id, o.device_id, o.effective_start_ms, o.effective_end_ms, o.last_updated_ms, o.identifier,
                char(31) || COALESCE((SELECT group_concat(t.system || '|' || t.code, char(31)) FROM observation_tokens t WHERE t.observation_id = o.id AND t.kind = 0), '') || char(31),
                char(31) || COALESCE((SELECT group_concat(t.system || '|' || t.code, char(31)) FROM observation_tokens t WHERE t.observation_id = o.id AND t.kind = 1), '') || char(31)
            FROM observations o;
            DROP TABLE observation_tokens;
            DROP TABLE observations;
            ALTER TABLE observations_v2 RENAME TO observations;
            CREATE INDEX ix_observations_patient_date ON observations(patient_id, effective_start_ms);
            CREATE INDEX ix_observations_date ON observations(effective_start_ms);
            CREATE INDEX ix_observations_updated ON observations(last_updated_ms);
            CREATE UNIQUE INDEX ix_observations_identifier ON observations(identifier) WHERE identifier IS NOT NULL;
            """),
        (3, "Observation search columns on the current resource row (no observations table); batches as a rowid table", """
            CREATE TABLE resources_v3(
                resource_type TEXT NOT NULL,
                id TEXT NOT NULL,
                version_id INTEGER NOT NULL,
                last_updated_ms INTEGER NOT NULL,
                is_current INTEGER NOT NULL,
                patient_id TEXT,
                device_id TEXT,
                effective_start_ms INTEGER,
                effective_end_ms INTEGER,
                identifier TEXT,
                codes TEXT,
                categories TEXT,
                json TEXT NOT NULL,
                PRIMARY KEY(resource_type, id, version_id));
            INSERT INTO resources_v3
            SELECT r.resource_type, r.id, r.version_id, r.last_updated_ms, r.is_current,
                o.patient_id, o.device_id, o.effective_start_ms, o.effective_end_ms, o.identifier, o.codes, o.categories, r.json
            FROM resources r LEFT JOIN observations o ON r.resource_type = 'Observation' AND r.is_current = 1 AND o.id = r.id
            ORDER BY r.rowid;
            DROP TABLE observations;
            DROP TABLE resources;
            ALTER TABLE resources_v3 RENAME TO resources;
            CREATE INDEX ix_resources_current ON resources(is_current, resource_type, last_updated_ms);
            CREATE INDEX ix_observations_patient_date ON resources(patient_id, effective_start_ms, effective_end_ms, codes) WHERE patient_id IS NOT NULL;
            CREATE INDEX ix_observations_date ON resources(effective_start_ms) WHERE patient_id IS NOT NULL;
            CREATE UNIQUE INDEX ix_observations_identifier ON resources(identifier) WHERE identifier <> '';
            CREATE TABLE batches_v3(
                device_id TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                hash BLOB NOT NULL,
                previous_hash BLOB NOT NULL,
                start_unix_ms INTEGER NOT NULL,
                received_at_ms INTEGER NOT NULL,
                compressed BLOB NOT NULL,
                PRIMARY KEY(device_id, sequence));
            INSERT INTO batches_v3 SELECT device_id, sequence, hash, previous_hash, start_unix_ms, received_at_ms, compressed FROM batches
            ORDER BY received_at_ms;
            DROP TABLE batches;
            ALTER TABLE batches_v3 RENAME TO batches;
            """),
        // No table changes: from here on, resources.json of a batch Observation may hold a BatchObservationReference
        // instead of JSON. Builds from v4 on refuse a file whose schema is newer than theirs; earlier builds do not
        // check, and would fail reading a reference.
        (4, "batch Observations kept as references to their raw batch and rendered on read", "SELECT 1;"),
    ];

    /// <summary>Separator of the <c>system|code</c> tokens in the <c>codes</c> and <c>categories</c> columns (also first and last).</summary>
    public const char TokenSeparator = '\u001f';

    /// <summary>
    /// The column value for tokens (<c>system|code</c>, or a bare code meaning no system): each token between
    /// separators, so a search matches a whole token with one <c>instr</c>.
    /// </summary>
    public static string TokenColumn(IReadOnlyList<string> tokens)
    {
        var builder = new System.Text.StringBuilder().Append(TokenSeparator);
        foreach (var token in tokens)
        {
            builder.Append(token.Contains('|', StringComparison.Ordinal) ? token : "|" + token).Append(TokenSeparator);
        }

        return tokens.Count == 0 ? new string(TokenSeparator, 2) : builder.ToString();
    }
}
