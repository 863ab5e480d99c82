namespace SensorChain.Fhir;

/// <summary>Metadata about a resource (FHIR R4 Meta).</summary>
public sealed record Meta
{
    /// <summary>Version specific identifier.</summary>
    public string? VersionId { get; init; }

    /// <summary>When the resource version last changed.</summary>
    public DateTimeOffset? LastUpdated { get; init; }

    /// <summary>Identifies where the resource comes from.</summary>
    public string? Source { get; init; }

    /// <summary>Profiles this resource claims to conform to.</summary>
    public IReadOnlyList<string>? Profile { get; init; }

    /// <summary>Security labels.</summary>
    public IReadOnlyList<Coding>? Security { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<Coding>? Tag { get; init; }
}
