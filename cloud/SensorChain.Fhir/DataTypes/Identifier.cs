namespace SensorChain.Fhir;

/// <summary>A business identifier (FHIR R4 Identifier).</summary>
public sealed record Identifier
{
    /// <summary>Creates an empty identifier.</summary>
    public Identifier()
    {
    }

    /// <summary>Creates an identifier.</summary>
    public Identifier(string system, string value)
    {
        System = system;
        Value = value;
    }

    /// <summary>usual | official | temp | secondary | old.</summary>
    public string? Use { get; init; }

    /// <summary>Description of identifier.</summary>
    public CodeableConcept? Type { get; init; }

    /// <summary>The namespace for the identifier value.</summary>
    public string? System { get; init; }

    /// <summary>The value that is unique.</summary>
    public string? Value { get; init; }

    /// <summary>Time period when id is/was valid for use.</summary>
    public Period? Period { get; init; }
}
