using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>Server push subscription criteria (FHIR R4 Subscription).</summary>
public sealed record Subscription : DomainResource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(Subscription);

    /// <summary>requested | active | error | off.</summary>
    public required string Status { get; init; }

    /// <summary>Contact details for source (e.g. troubleshooting).</summary>
    public IReadOnlyList<ContactPoint>? Contact { get; init; }

    /// <summary>When to automatically delete the subscription.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Description of why this subscription was created.</summary>
    public required string Reason { get; init; }

    /// <summary>Rule for server push (a search URL such as <c>Observation?patient=123</c>).</summary>
    public required string Criteria { get; init; }

    /// <summary>Latest error note.</summary>
    public string? Error { get; init; }

    /// <summary>The channel on which to report matches to the criteria.</summary>
    public required SubscriptionChannel Channel { get; init; }
}
