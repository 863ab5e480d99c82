-- SensorChain schema v1: devices, raw batches and chains, FHIR resources with search columns.
-- Resource documents are stored in `json` columns: the contract (IIngestStore) returns a resource's JSON exactly as
-- given, which jsonb (key reordering, whitespace) cannot. json is still checked on input and queryable with -> / ->>.

CREATE TABLE devices (
    device_id   bytea PRIMARY KEY,
    public_key  bytea NOT NULL,
    patient_id  text NOT NULL,
    enrolled_at timestamptz NOT NULL
);

-- Raw signed batches (Brotli-compressed wire bytes). The primary key makes redelivery idempotent across ingesters.
CREATE TABLE batches (
    device_id     bytea NOT NULL,
    sequence      bigint NOT NULL,
    hash          bytea NOT NULL,
    previous_hash bytea NOT NULL,
    start_unix_ms bigint NOT NULL,
    received_at   timestamptz NOT NULL,
    payload       bytea NOT NULL,
    PRIMARY KEY (device_id, sequence)
);

-- Highest stored sequence per device and how many batches are stored (missing = sequence + 1 - stored_count).
CREATE TABLE chain_heads (
    device_id    bytea PRIMARY KEY,
    sequence     bigint NOT NULL,
    hash         bytea NOT NULL,
    stored_count bigint NOT NULL
);

-- Ranges of sequence numbers below the head that have not arrived.
CREATE TABLE gaps (
    device_id     bytea NOT NULL,
    first_missing bigint NOT NULL,
    last_missing  bigint NOT NULL,
    PRIMARY KEY (device_id, first_missing)
);

-- Current versions of resources other than Observation.
CREATE TABLE resources (
    resource_type text NOT NULL,
    id            text NOT NULL,
    version_id    int NOT NULL,
    last_updated  timestamptz NOT NULL,
    resource      json NOT NULL,
    PRIMARY KEY (resource_type, id)
);
CREATE INDEX resources_last_updated ON resources (last_updated);

-- Superseded versions of every resource type (the current one lives in resources / observations).
CREATE TABLE resource_history (
    resource_type text NOT NULL,
    id            text NOT NULL,
    version_id    int NOT NULL,
    last_updated  timestamptz NOT NULL,
    resource      json NOT NULL,
    PRIMARY KEY (resource_type, id, version_id)
);

-- Global uniqueness of Observation ids and business identifiers (a partitioned table cannot enforce either),
-- and where each Observation lives (its partition key).
CREATE TABLE observation_keys (
    id              text PRIMARY KEY,
    identifier      text UNIQUE,
    effective_start timestamptz NOT NULL
);

-- Current Observations, range-partitioned by month of effective start; partitions are created on demand.
CREATE TABLE observations (
    id              text NOT NULL,
    version_id      int NOT NULL,
    last_updated    timestamptz NOT NULL,
    patient_id      text NOT NULL,
    device_id       text,
    codes           text[] NOT NULL,
    code_tokens     text[] NOT NULL,
    categories      text[] NOT NULL,
    category_tokens text[] NOT NULL,
    effective_start timestamptz NOT NULL,
    effective_end   timestamptz NOT NULL,
    identifier      text,
    resource        json NOT NULL
) PARTITION BY RANGE (effective_start);
CREATE INDEX observations_patient_date ON observations (patient_id, effective_start);
CREATE INDEX observations_codes ON observations USING gin (code_tokens);
CREATE INDEX observations_date ON observations (effective_start);
CREATE INDEX observations_last_updated ON observations (last_updated);
CREATE INDEX observations_id ON observations (id);

-- Longest effective period stored, so a "date ge X" search can bound effective_start and keep using the indexes.
CREATE TABLE observation_span (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    max_span   interval NOT NULL
);
INSERT INTO observation_span VALUES (true, interval '0');

-- Creates the month partition holding p_at if it does not exist (safe with several processes).
CREATE FUNCTION sc_ensure_observation_partition(p_at timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamptz := date_trunc('month', p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    name text := 'observations_' || to_char(p_at AT TIME ZONE 'UTC', 'YYYY"m"MM');
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN name;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext(name));
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF observations FOR VALUES FROM (%L) TO (%L)',
        name, month_start, month_start + interval '1 month');
    RETURN name;
END $$;

-- Stores one batch, advances the chain and inserts its resources, atomically (one statement).
-- Returns 0 stored, 1 already stored (same hash), 2 conflict (same sequence, different hash).
CREATE FUNCTION sc_store_batch(
    p_device bytea, p_sequence bigint, p_hash bytea, p_previous bytea, p_start_ms bigint, p_received timestamptz, p_payload bytea,
    o_id text[], o_version int[], o_last_updated timestamptz[], o_patient text[], o_device text[],
    o_codes text[], o_categories text[], o_start timestamptz[], o_end timestamptz[], o_identifier text[], o_json text[],
    r_type text[], r_id text[], r_last_updated timestamptz[], r_json text[])
RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
    existing bytea;
    head bigint;
    gap_first bigint;
    gap_last bigint;
    span interval;
    cur_version int;
    cur_json text;
BEGIN
    INSERT INTO batches (device_id, sequence, hash, previous_hash, start_unix_ms, received_at, payload)
    VALUES (p_device, p_sequence, p_hash, p_previous, p_start_ms, p_received, p_payload)
    ON CONFLICT (device_id, sequence) DO NOTHING;
    IF NOT FOUND THEN
        SELECT hash INTO existing FROM batches WHERE device_id = p_device AND sequence = p_sequence;
        RETURN CASE WHEN existing = p_hash THEN 1 ELSE 2 END;
    END IF;

    INSERT INTO chain_heads (device_id, sequence, hash, stored_count) VALUES (p_device, p_sequence, p_hash, 1)
    ON CONFLICT (device_id) DO NOTHING;
    IF FOUND THEN
        IF p_sequence > 0 THEN
            INSERT INTO gaps VALUES (p_device, 0, p_sequence - 1);
        END IF;
    ELSE
        SELECT sequence INTO head FROM chain_heads WHERE device_id = p_device FOR UPDATE;
        IF p_sequence > head THEN
            IF p_sequence > head + 1 THEN
                INSERT INTO gaps VALUES (p_device, head + 1, p_sequence - 1);
            END IF;
            UPDATE chain_heads SET sequence = p_sequence, hash = p_hash, stored_count = stored_count + 1
            WHERE device_id = p_device;
        ELSE
            DELETE FROM gaps WHERE device_id = p_device AND first_missing <= p_sequence AND last_missing >= p_sequence
            RETURNING first_missing, last_missing INTO gap_first, gap_last;
            IF gap_first IS NOT NULL AND gap_first < p_sequence THEN
                INSERT INTO gaps VALUES (p_device, gap_first, p_sequence - 1);
            END IF;
            IF gap_last IS NOT NULL AND gap_last > p_sequence THEN
                INSERT INTO gaps VALUES (p_device, p_sequence + 1, gap_last);
            END IF;
            UPDATE chain_heads SET stored_count = stored_count + 1 WHERE device_id = p_device;
        END IF;
    END IF;

    IF cardinality(o_id) > 0 THEN
        WITH input AS (
            SELECT * FROM unnest(o_id, o_version, o_last_updated, o_patient, o_device, o_codes, o_categories,
                                 o_start, o_end, o_identifier, o_json)
                AS t(id, version_id, last_updated, patient_id, device_id, codes, categories, effective_start,
                     effective_end, identifier, resource)
        ), fresh AS (
            INSERT INTO observation_keys (id, identifier, effective_start)
            SELECT id, identifier, effective_start FROM input
            ON CONFLICT DO NOTHING
            RETURNING id
        )
        INSERT INTO observations (id, version_id, last_updated, patient_id, device_id, codes, code_tokens, categories,
                                  category_tokens, effective_start, effective_end, identifier, resource)
        SELECT i.id, 1, i.last_updated, i.patient_id, i.device_id,
               string_to_array(i.codes, E'\x1f'), sc_tokens(i.codes),
               string_to_array(i.categories, E'\x1f'), sc_tokens(i.categories),
               i.effective_start, i.effective_end, i.identifier, i.resource::json
        FROM input i JOIN fresh f ON f.id = i.id;

        SELECT max(e - s) INTO span FROM unnest(o_start, o_end) AS t(s, e);
        UPDATE observation_span SET max_span = span WHERE max_span < span;
    END IF;

    FOR k IN 1 .. coalesce(cardinality(r_id), 0) LOOP
        SELECT version_id, resource::text INTO cur_version, cur_json
        FROM resources WHERE resource_type = r_type[k] AND id = r_id[k] FOR UPDATE;
        IF NOT FOUND THEN
            INSERT INTO resources (resource_type, id, version_id, last_updated, resource)
            VALUES (r_type[k], r_id[k], 1, r_last_updated[k], r_json[k]::json)
            ON CONFLICT DO NOTHING;
        ELSIF cur_json <> r_json[k] THEN
            INSERT INTO resource_history (resource_type, id, version_id, last_updated, resource)
            SELECT resource_type, id, version_id, last_updated, resource FROM resources WHERE resource_type = r_type[k] AND id = r_id[k];
            UPDATE resources SET version_id = cur_version + 1, last_updated = r_last_updated[k], resource = r_json[k]::json
            WHERE resource_type = r_type[k] AND id = r_id[k];
        END IF;
    END LOOP;
    RETURN 0;
END $$;

-- 'system|code' values (joined by U+001F) to search tokens: the full value and the bare code, so a query token
-- 'system|code' matches that system only and a bare 'code' matches any system. A value without a system also gets
-- '|code' (FHIR's "no system" form).
CREATE FUNCTION sc_tokens(p_joined text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT v), '{}')
    FROM unnest(string_to_array(p_joined, E'\x1f')) AS c(value),
         LATERAL (VALUES (c.value),
                         (CASE WHEN strpos(c.value, '|') > 0 THEN substr(c.value, strpos(c.value, '|') + 1) ELSE '|' || c.value END)) AS t(v)
    WHERE c.value <> ''
$$;
