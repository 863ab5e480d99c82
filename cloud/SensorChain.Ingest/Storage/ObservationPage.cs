namespace SensorChain.Ingest.Storage;

/// <summary>One page of search results and the total match count.</summary>
/// <param name="Items">The Observations on this page.</param>
/// <param name="Total">All matches.</param>
/// <param name="Unreadable">
/// Why matches of this page are missing from <paramref name="Items"/>: their stored data failed its integrity check (a
/// store that renders batch Observations found the raw batch gone or changed). Empty or null when none.
/// </param>
public sealed record ObservationPage(IReadOnlyList<FhirResourceRecord> Items, long Total, IReadOnlyList<string>? Unreadable = null);
