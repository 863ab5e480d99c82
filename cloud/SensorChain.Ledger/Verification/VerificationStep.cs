namespace SensorChain.Ledger.Verification;

/// <summary>One step of an Observation's verification walk.</summary>
/// <param name="Name">observation, provenance, batch, observation-value, commitment, inclusion, checkpoint, cosignatures.</param>
/// <param name="Ok">Whether it held.</param>
/// <param name="Detail">What was checked or what failed.</param>
public sealed record VerificationStep(string Name, bool Ok, string Detail);
