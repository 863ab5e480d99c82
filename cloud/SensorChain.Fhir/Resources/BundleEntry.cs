namespace SensorChain.Fhir;

/// <summary>An entry of a Bundle (FHIR R4 Bundle.entry).</summary>
public sealed record BundleEntry
{
    /// <summary>Links related to this entry.</summary>
    public IReadOnlyList<BundleLink>? Link { get; init; }

    /// <summary>URI for resource (absolute URL server address or URI for UUID/OID).</summary>
    public string? FullUrl { get; init; }

    /// <summary>A resource in the bundle.</summary>
    public Resource? Resource { get; init; }

    /// <summary>Search related information.</summary>
    public BundleEntrySearch? Search { get; init; }

    /// <summary>Additional execution information (transaction/batch/history).</summary>
    public BundleEntryRequest? Request { get; init; }

    /// <summary>Results of execution (transaction/batch/history).</summary>
    public BundleEntryResponse? Response { get; init; }
}
