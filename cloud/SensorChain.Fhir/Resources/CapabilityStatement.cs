using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>A statement of system capabilities (FHIR R4 CapabilityStatement).</summary>
public sealed record CapabilityStatement : DomainResource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(CapabilityStatement);

    /// <summary>Canonical identifier.</summary>
    public string? Url { get; init; }

    /// <summary>Business version.</summary>
    public string? Version { get; init; }

    /// <summary>Name for this capability statement (computer friendly).</summary>
    public string? Name { get; init; }

    /// <summary>Name for this capability statement (human friendly).</summary>
    public string? Title { get; init; }

    /// <summary>draft | active | retired | unknown.</summary>
    public required string Status { get; init; }

    /// <summary>Date last changed.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>Name of the publisher.</summary>
    public string? Publisher { get; init; }

    /// <summary>Natural language description.</summary>
    public string? Description { get; init; }

    /// <summary>instance | capability | requirements.</summary>
    public required string Kind { get; init; }

    /// <summary>Software that is covered by this statement.</summary>
    public CapabilityStatementSoftware? Software { get; init; }

    /// <summary>If this describes a specific instance.</summary>
    public CapabilityStatementImplementation? Implementation { get; init; }

    /// <summary>FHIR Version the system supports.</summary>
    public required string FhirVersion { get; init; }

    /// <summary>Formats supported (xml | json | ttl | mime type).</summary>
    public required IReadOnlyList<string> Format { get; init; }

    /// <summary>If the endpoint is a RESTful one.</summary>
    public IReadOnlyList<CapabilityStatementRest>? Rest { get; init; }
}
