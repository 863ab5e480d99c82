using SensorChain.Fhir;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Mapping;

/// <summary>
/// Adds to a batch's Provenance before it is stored (in the same transaction as the batch). For facts known only
/// later (e.g. a ledger anchor), a handler upserts a new Provenance version instead:
/// <c>store.UpsertResourceAsync(FhirRecords.From(updated, now), ct)</c> — the id is <see cref="BatchFhirMapper.ProvenanceId"/>.
/// </summary>
public interface IProvenanceEnricher
{
    /// <summary>Returns the Provenance to store (usually <paramref name="provenance"/> with more entities or extensions).</summary>
    Provenance Enrich(Provenance provenance, SignedBatch batch);
}
