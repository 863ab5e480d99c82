using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.Ingest.Storage;

namespace SensorChain.Ingest.Mapping;

/// <summary>Converts between FHIR resources and stored <see cref="FhirResourceRecord"/>s.</summary>
public static class FhirRecords
{
    /// <summary>
    /// A record for <paramref name="resource"/> (version 1; the store assigns the real version). <c>meta.versionId</c>
    /// and <c>meta.lastUpdated</c> are removed from the stored JSON: they come from the columns (<see cref="ToResource"/>).
    /// Observations get their search columns.
    /// </summary>
    public static FhirResourceRecord From(Resource resource, DateTimeOffset lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var id = resource.Id ?? throw new ArgumentException($"The {resource.ResourceType} has no id.", nameof(resource));
        var meta = resource.Meta is null ? null : resource.Meta with { VersionId = null, LastUpdated = null };
        if (meta is { Source: null, Profile: null, Security: null, Tag: null })
        {
            meta = null;
        }

        var stripped = resource with { Meta = meta };
        return new FhirResourceRecord(resource.ResourceType, id, 1, lastUpdated, FhirJson.Serialize(stripped),
            stripped is Observation o ? SearchColumns(o) : null);
    }

    /// <summary>
    /// A record of a batch Observation for a store that keeps <see cref="BatchObservationReference"/>s
    /// (<see cref="IIngestStore.KeepsBatchObservationsAsReferences"/>): the search columns of <see cref="From"/>, and
    /// the reference's stored form in place of the JSON, which is then never serialised on the ingest path.
    /// </summary>
    public static FhirResourceRecord Reference(Observation observation, BatchObservationReference reference, DateTimeOffset lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var id = observation.Id ?? throw new ArgumentException("The Observation has no id.", nameof(observation));
        return new FhirResourceRecord("Observation", id, 1, lastUpdated, reference.ToString(), SearchColumns(observation));
    }

    /// <summary>
    /// The records of one batch as the ingester hands them to the store: its Observations as references when
    /// <paramref name="reference"/> is given (a store that renders them on read), else as JSON; then its Provenance.
    /// </summary>
    public static List<FhirResourceRecord> ForBatch(IReadOnlyList<Observation> observations, Provenance provenance, BatchObservationReference? reference, DateTimeOffset lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var records = new List<FhirResourceRecord>(observations.Count + 1);
        foreach (var observation in observations)
        {
            records.Add(reference is { } r ? Reference(observation, r, lastUpdated) : From(observation, lastUpdated));
        }

        records.Add(From(provenance, lastUpdated));
        return records;
    }

    /// <summary>The resource of a record with <c>meta.versionId</c> and <c>meta.lastUpdated</c> from the record.</summary>
    public static Resource ToResource(FhirResourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var resource = FhirJson.Deserialize<Resource>(record.Json);
        return resource with
        {
            Meta = (resource.Meta ?? new Meta()) with
            {
                VersionId = record.VersionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                LastUpdated = record.LastUpdated,
            },
        };
    }

    /// <summary>The search columns of an Observation.</summary>
    /// <exception cref="ArgumentException">It has no Patient subject or no effective[x].</exception>
    public static ObservationSearchColumns SearchColumns(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var patient = observation.Subject?.IdOf("Patient") ?? throw new ArgumentException("The Observation has no Patient subject.", nameof(observation));
        var start = observation.EffectiveStart ?? throw new ArgumentException("The Observation has no effective[x].", nameof(observation));
        var end = observation.EffectiveEnd ?? start;
        var identifier = observation.Identifier?.FirstOrDefault(i => i.System is not null && i.Value is not null);
        return new ObservationSearchColumns(
            patient,
            observation.Device?.IdOf("Device"),
            [.. (observation.Code.Coding ?? []).Where(c => c.Code is not null).Select(c => $"{c.System}|{c.Code}")],
            [.. (observation.Category ?? []).SelectMany(c => c.Coding ?? []).Where(c => c.Code is not null).Select(c => $"{c.System}|{c.Code}")],
            start,
            end,
            identifier is null ? null : $"{identifier.System}|{identifier.Value}");
    }
}
