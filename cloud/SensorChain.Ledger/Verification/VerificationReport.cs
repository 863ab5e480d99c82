namespace SensorChain.Ledger.Verification;

/// <summary>The steps of a verification walk; it stops at the first failing step.</summary>
/// <param name="Subject">What was verified (an Observation id or a proof file).</param>
/// <param name="Steps">Steps in order.</param>
public sealed record VerificationReport(string Subject, IReadOnlyList<VerificationStep> Steps)
{
    /// <summary>True when every step held.</summary>
    public bool Ok => Steps.Count > 0 && Steps.All(s => s.Ok);

    /// <summary>The first failing step, or null.</summary>
    public VerificationStep? FirstFailure => Steps.FirstOrDefault(s => !s.Ok);
}
