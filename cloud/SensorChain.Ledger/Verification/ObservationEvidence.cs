using System.Text.Json;
using System.Text.Json.Serialization;

namespace SensorChain.Ledger.Verification;

/// <summary>
/// Everything that links an Observation to its ledger leaf, carried as the <c>extra</c> data of a tlog-proof so the
/// proof checks offline: the stored Observation and Provenance, the signed batch, the gateway's public key, the
/// per-batch key k_batch (reveals this batch only), and the other leaf fields.
/// </summary>
public sealed record ObservationEvidence
{
    /// <summary>Observation id.</summary>
    [JsonPropertyName("observation_id")] public required string ObservationId { get; init; }

    /// <summary>The Observation JSON as stored.</summary>
    [JsonPropertyName("observation")] public required string ObservationJson { get; init; }

    /// <summary>The Provenance JSON as stored.</summary>
    [JsonPropertyName("provenance")] public required string ProvenanceJson { get; init; }

    /// <summary>The signed batch wire bytes (base64).</summary>
    [JsonPropertyName("batch")] public required string Batch { get; init; }

    /// <summary>The gateway's public key, SubjectPublicKeyInfo DER (base64).</summary>
    [JsonPropertyName("device_key")] public required string DeviceKey { get; init; }

    /// <summary>Pseudonymous patient id (FHIR Patient.id, no PHI).</summary>
    [JsonPropertyName("patient")] public required string PatientId { get; init; }

    /// <summary>Cloud receive time (needed to re-derive the Observation).</summary>
    [JsonPropertyName("received_at")] public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>k_batch (base64).</summary>
    [JsonPropertyName("batch_key")] public required string BatchKey { get; init; }

    /// <summary>Submitting org key ID in the leaf.</summary>
    [JsonPropertyName("org_key_id")] public required uint OrgKeyId { get; init; }

    /// <summary>Hour bucket in the leaf.</summary>
    [JsonPropertyName("hour")] public required uint HourBucket { get; init; }

    /// <summary>UTF-8 JSON.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>Parses evidence; throws <see cref="JsonException"/> on malformed input.</summary>
    public static ObservationEvidence Parse(byte[] bytes) =>
        JsonSerializer.Deserialize<ObservationEvidence>(bytes) ?? throw new JsonException("Empty evidence.");
}
