namespace SensorChain.Ingest.Storage;

/// <summary>One page of search results and the total match count.</summary>
/// <param name="Items">The Observations on this page.</param>
/// <param name="Total">All matches.</param>
public sealed record ObservationPage(IReadOnlyList<FhirResourceRecord> Items, long Total);
