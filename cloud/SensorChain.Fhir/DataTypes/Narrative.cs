namespace SensorChain.Fhir;

/// <summary>Human-readable summary of the resource (FHIR R4 Narrative).</summary>
public sealed record Narrative
{
    /// <summary>generated | extensions | additional | empty.</summary>
    public required string Status { get; init; }

    /// <summary>Limited XHTML content (a &lt;div&gt; in the XHTML namespace).</summary>
    public required string Div { get; init; }
}
