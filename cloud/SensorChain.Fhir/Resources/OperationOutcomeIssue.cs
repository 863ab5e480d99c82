namespace SensorChain.Fhir;

/// <summary>One issue of an OperationOutcome (FHIR R4 OperationOutcome.issue).</summary>
public sealed record OperationOutcomeIssue
{
    /// <summary>fatal | error | warning | information.</summary>
    public required string Severity { get; init; }

    /// <summary>Error or warning code (IssueType).</summary>
    public required string Code { get; init; }

    /// <summary>Additional details about the error.</summary>
    public CodeableConcept? Details { get; init; }

    /// <summary>Additional diagnostic information about the issue.</summary>
    public string? Diagnostics { get; init; }

    /// <summary>FHIRPath of element(s) related to issue.</summary>
    public IReadOnlyList<string>? Expression { get; init; }
}
