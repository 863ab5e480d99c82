namespace SensorChain.Fhir;

/// <summary>Result of a transaction/batch entry (FHIR R4 Bundle.entry.response).</summary>
public sealed record BundleEntryResponse
{
    /// <summary>Status response code (text optional).</summary>
    public required string Status { get; init; }

    /// <summary>The location (if the operation returns a location).</summary>
    public string? Location { get; init; }

    /// <summary>The Etag for the resource (if relevant).</summary>
    public string? Etag { get; init; }

    /// <summary>Server's date time modified.</summary>
    public DateTimeOffset? LastModified { get; init; }
}
