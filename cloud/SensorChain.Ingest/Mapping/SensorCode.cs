namespace SensorChain.Ingest.Mapping;

/// <summary>How one kind of reading is coded in FHIR.</summary>
/// <param name="Slug">Short name used in resource ids (<c>&lt;device&gt;-&lt;seq&gt;-&lt;slug&gt;</c>).</param>
/// <param name="Codings">Observation.code codings, the primary first.</param>
/// <param name="Category">observation-category code.</param>
/// <param name="Text">Observation.code.text.</param>
/// <param name="UnitText">Human-readable unit (Quantity.unit).</param>
public sealed record SensorCode(string Slug, IReadOnlyList<Fhir.Coding> Codings, string Category, string Text, string? UnitText = null)
{
    /// <summary>The primary code (used in identifiers).</summary>
    public string PrimaryCode => Codings[0].Code!;
}
