namespace SensorChain.Fhir;

/// <summary>Name of a human (FHIR R4 HumanName).</summary>
public sealed record HumanName
{
    /// <summary>usual | official | temp | nickname | anonymous | old | maiden.</summary>
    public string? Use { get; init; }

    /// <summary>Text representation of the full name.</summary>
    public string? Text { get; init; }

    /// <summary>Family name.</summary>
    public string? Family { get; init; }

    /// <summary>Given names.</summary>
    public IReadOnlyList<string>? Given { get; init; }
}
