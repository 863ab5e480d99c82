namespace SensorChain.Fhir;

/// <summary>Request of a transaction/batch entry (FHIR R4 Bundle.entry.request).</summary>
public sealed record BundleEntryRequest
{
    /// <summary>GET | HEAD | POST | PUT | DELETE | PATCH.</summary>
    public required string Method { get; init; }

    /// <summary>URL for HTTP equivalent of this entry.</summary>
    public required string Url { get; init; }

    /// <summary>For conditional creates.</summary>
    public string? IfNoneExist { get; init; }
}
