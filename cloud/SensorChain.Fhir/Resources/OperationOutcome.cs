using System.Text.Json.Serialization;

namespace SensorChain.Fhir;

/// <summary>Information about the success/failure of an action (FHIR R4 OperationOutcome).</summary>
public sealed record OperationOutcome : DomainResource
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string ResourceType => nameof(OperationOutcome);

    /// <summary>A single issue associated with the action.</summary>
    public required IReadOnlyList<OperationOutcomeIssue> Issue { get; init; }

    /// <summary>An outcome with one issue.</summary>
    /// <param name="severity">fatal | error | warning | information.</param>
    /// <param name="code">Issue type code, e.g. invalid, not-found, not-supported, processing.</param>
    /// <param name="diagnostics">Operator-readable explanation.</param>
    /// <param name="expression">FHIRPath of the element or the parameter name at fault.</param>
    public static OperationOutcome Single(string severity, string code, string diagnostics, string? expression = null) =>
        new()
        {
            Issue = [new OperationOutcomeIssue
            {
                Severity = severity,
                Code = code,
                Diagnostics = diagnostics,
                Expression = expression is null ? null : [expression],
            }],
        };
}
