namespace SensorChain.Web.Research;

/// <summary>What an export wrote.</summary>
/// <param name="Patients">Patient resources written.</param>
/// <param name="Observations">Observations written.</param>
/// <param name="SkippedNoConsent">Resources left out because their patient did not consent to research.</param>
/// <param name="SkippedOtherTypes">Resources of types that are never exported (Device, Consent, …).</param>
public sealed record ResearchExportSummary(int Patients, int Observations, int SkippedNoConsent, int SkippedOtherTypes);
