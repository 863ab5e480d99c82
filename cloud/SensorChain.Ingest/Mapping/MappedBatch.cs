using SensorChain.Fhir;

namespace SensorChain.Ingest.Mapping;

/// <summary>The FHIR resources derived from one batch.</summary>
/// <param name="Observations">One Observation per channel group.</param>
/// <param name="Provenance">The batch's Provenance (signature, hash, targets).</param>
public sealed record MappedBatch(IReadOnlyList<Observation> Observations, Provenance Provenance);
