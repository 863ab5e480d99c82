namespace SensorChain.Fhir;

/// <summary>Search information of a Bundle entry (FHIR R4 Bundle.entry.search).</summary>
public sealed record BundleEntrySearch
{
    /// <summary>match | include | outcome.</summary>
    public string? Mode { get; init; }

    /// <summary>Search ranking (between 0 and 1).</summary>
    public decimal? Score { get; init; }
}
