using SensorChain.Fhir;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Sqlite;

/// <summary>
/// Turns stored <see cref="BatchObservationReference"/>s back into Observation JSON: loads the raw batch, checks that
/// its bytes still hash to the hash stored with it (the hash the chain and the ledger anchor), decodes it and maps it
/// again (<see cref="BatchFhirMapper.MapObservations"/>). Batches mapped once are kept for the renderer's life (one
/// read, one export), up to <see cref="CachedBatches"/>: a page of Observations comes from a few batches.
/// </summary>
/// <param name="load">The stored compressed bytes and hash of a batch, or null when it is not stored.</param>
internal sealed class SqliteBatchRenderer(Func<DeviceId, ulong, (byte[] Compressed, byte[] Hash)?> load)
{
    /// <summary>The query a loader runs: the compressed bytes and stored hash of batch ($d, $s).</summary>
    public const string LoadSql = "SELECT compressed, hash FROM batches WHERE device_id = $d AND sequence = $s";

    private const int CachedBatches = 64;
    private readonly Dictionary<(DeviceId, ulong, string), IReadOnlyList<Observation>> _batches = [];

    /// <summary><paramref name="record"/> with its JSON rendered when it holds a reference; otherwise itself.</summary>
    public FhirResourceRecord Render(FhirResourceRecord record) =>
        BatchObservationReference.IsReference(record.Json) ? record with { Json = Json(record.Id, record.Json) } : record;

    /// <summary>The JSON of <paramref name="stored"/> (a reference or JSON) for the Observation <paramref name="id"/>.</summary>
    /// <exception cref="InvalidDataException">The batch is missing, changed or does not hold that Observation.</exception>
    public string Json(string id, string stored)
    {
        if (!BatchObservationReference.IsReference(stored))
        {
            return stored;
        }

        BatchObservationReference reference;
        try
        {
            reference = BatchObservationReference.Parse(stored);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"Observation/{id} cannot be rendered: {ex.Message}", ex);
        }

        var key = (reference.Device, reference.Sequence, reference.PatientId);
        if (!_batches.TryGetValue(key, out var observations))
        {
            observations = Map(id, reference);
            if (_batches.Count >= CachedBatches)
            {
                _batches.Clear();
            }

            _batches[key] = observations;
        }

        foreach (var observation in observations)
        {
            if (observation.Id == id)
            {
                return FhirRecords.From(observation, default).Json;
            }
        }

        throw Unreadable(id, reference, "the batch maps to no Observation with this id");
    }

    private IReadOnlyList<Observation> Map(string id, BatchObservationReference reference)
    {
        var stored = load(reference.Device, reference.Sequence) ?? throw Unreadable(id, reference, "the batch is not stored");
        byte[] bytes;
        try
        {
            bytes = BatchCompression.Decompress(stored.Compressed);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IOException)
        {
            throw Unreadable(id, reference, "the stored batch does not decompress (" + ex.Message + ")");
        }

        if (!BatchCodec.TryDecode(bytes, out var signed, out var error))
        {
            throw Unreadable(id, reference, "the stored batch does not decode (" + error + ")");
        }

        if (!signed.Hash.Bytes.SequenceEqual(stored.Hash))
        {
            throw Unreadable(id, reference, $"the stored batch hashes to {signed.Hash}, not to its stored hash {Convert.ToHexStringLower(stored.Hash)}: it was changed");
        }

        return BatchFhirMapper.MapObservations(signed, reference.PatientId);
    }

    private static InvalidDataException Unreadable(string id, BatchObservationReference reference, string why) =>
        new($"Observation/{id} cannot be rendered from batch {reference.Device}/{reference.Sequence}: {why}.");
}
