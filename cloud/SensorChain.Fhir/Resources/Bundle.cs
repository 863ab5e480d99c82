using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>Contains a collection of resources (FHIR R4 Bundle).</summary>
public sealed record Bundle : Resource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(Bundle);

    /// <summary>Persistent identifier for the bundle.</summary>
    public Identifier? Identifier { get; init; }

    /// <summary>document | message | transaction | transaction-response | batch | batch-response | history | searchset | collection.</summary>
    public required string Type { get; init; }

    /// <summary>When the bundle was assembled.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>If search, the total number of matches.</summary>
    public int? Total { get; init; }

    /// <summary>Links related to this Bundle.</summary>
    public IReadOnlyList<BundleLink>? Link { get; init; }

    /// <summary>Entry in the bundle - will have a resource or information.</summary>
    public IReadOnlyList<BundleEntry>? Entry { get; init; }
}
