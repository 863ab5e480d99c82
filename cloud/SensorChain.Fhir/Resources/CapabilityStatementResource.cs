namespace SensorChain.Fhir;

/// <summary>A resource type served on a REST interface.</summary>
public sealed record CapabilityStatementResource
{
    /// <summary>A resource type that is supported.</summary>
    public required string Type { get; init; }

    /// <summary>Base System profile for all uses of resource.</summary>
    public string? Profile { get; init; }

    /// <summary>What operations are supported.</summary>
    public IReadOnlyList<CapabilityStatementInteraction>? Interaction { get; init; }

    /// <summary>no-version | versioned | versioned-update.</summary>
    public string? Versioning { get; init; }

    /// <summary>Whether vRead can return past versions.</summary>
    public bool? ReadHistory { get; init; }

    /// <summary>If allows/uses conditional create.</summary>
    public bool? ConditionalCreate { get; init; }

    /// <summary>_include values supported by the server.</summary>
    public IReadOnlyList<string>? SearchInclude { get; init; }

    /// <summary>Search parameters supported by implementation.</summary>
    public IReadOnlyList<CapabilityStatementSearchParam>? SearchParam { get; init; }

    /// <summary>Definition of a resource operation.</summary>
    public IReadOnlyList<CapabilityStatementOperation>? Operation { get; init; }
}
