namespace SensorChain.Fhir;

/// <summary>Supporting evidence of a DetectedIssue.</summary>
public sealed record DetectedIssueEvidence
{
    /// <summary>Manifestation.</summary>
    public IReadOnlyList<CodeableConcept>? Code { get; init; }

    /// <summary>Supporting information.</summary>
    public IReadOnlyList<ResourceReference>? Detail { get; init; }
}
