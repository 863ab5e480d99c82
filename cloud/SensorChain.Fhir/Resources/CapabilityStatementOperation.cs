namespace SensorChain.Fhir;

/// <summary>An operation supported by the implementation.</summary>
public sealed record CapabilityStatementOperation
{
    /// <summary>Name by which the operation/query is invoked.</summary>
    public required string Name { get; init; }

    /// <summary>The defined operation/query.</summary>
    public required string Definition { get; init; }

    /// <summary>Specific details about operation behavior.</summary>
    public string? Documentation { get; init; }
}
