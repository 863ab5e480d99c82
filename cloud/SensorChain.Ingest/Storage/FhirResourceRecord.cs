namespace SensorChain.Ingest.Storage;

/// <summary>One version of a FHIR resource as stored: its JSON plus the columns search needs.</summary>
/// <param name="ResourceType">e.g. Observation.</param>
/// <param name="Id">Logical id.</param>
/// <param name="VersionId">1, 2, …</param>
/// <param name="LastUpdated">Server time of this version.</param>
/// <param name="Json">The resource as FHIR JSON (meta included).</param>
/// <param name="Search">Search columns for Observations; null for other types.</param>
public sealed record FhirResourceRecord(
    string ResourceType,
    string Id,
    int VersionId,
    DateTimeOffset LastUpdated,
    string Json,
    ObservationSearchColumns? Search = null);
