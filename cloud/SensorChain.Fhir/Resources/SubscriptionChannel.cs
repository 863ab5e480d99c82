namespace SensorChain.Fhir;

/// <summary>The channel of a Subscription (FHIR R4 Subscription.channel).</summary>
public sealed record SubscriptionChannel
{
    /// <summary>rest-hook | websocket | email | sms | message.</summary>
    public required string Type { get; init; }

    /// <summary>Where the channel points to.</summary>
    public string? Endpoint { get; init; }

    /// <summary>MIME type to send, or omit for no payload.</summary>
    public string? Payload { get; init; }

    /// <summary>Usage depends on the channel type (HTTP headers for rest-hook).</summary>
    public IReadOnlyList<string>? Header { get; init; }
}
