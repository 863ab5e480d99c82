namespace SensorChain.Fhir;

/// <summary>A link related to a Bundle (FHIR R4 Bundle.link).</summary>
/// <param name="Relation">self | next | previous | first | last …</param>
/// <param name="Url">Reference details for the link.</param>
public sealed record BundleLink(string Relation, string Url);
