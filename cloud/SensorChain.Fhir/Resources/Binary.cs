using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>Pure binary content (FHIR R4 Binary); SensorChain serves raw signed batches this way.</summary>
public sealed record Binary : Resource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(Binary);

    /// <summary>MimeType of the binary content.</summary>
    public required string ContentType { get; init; }

    /// <summary>Identifies another resource to use as proxy when enforcing access control.</summary>
    public ResourceReference? SecurityContext { get; init; }

    /// <summary>The actual content (base64).</summary>
    public string? Data { get; init; }
}
