namespace SensorChain.Web.Clinical;

/// <summary>A NEWS2 score for the patient list.</summary>
/// <param name="Score">Aggregate score.</param>
/// <param name="Risk">low, low-medium, medium, high.</param>
/// <param name="Missing">Parameters that were not measured and scored 0 (e.g. consciousness, supplemental oxygen).</param>
public sealed record News2Result(int Score, string Risk, IReadOnlyList<string> Missing);
