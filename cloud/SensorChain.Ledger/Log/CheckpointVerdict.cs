namespace SensorChain.Ledger.Log;

/// <summary>The outcome of checking a cosigned checkpoint against a policy.</summary>
/// <param name="Ok">True when the log signature and the witness quorum hold.</param>
/// <param name="Checkpoint">The parsed checkpoint (null when it did not parse).</param>
/// <param name="Cosigners">Witnesses whose cosignature verified.</param>
/// <param name="Error">What failed, or null.</param>
public sealed record CheckpointVerdict(bool Ok, Checkpoint? Checkpoint, IReadOnlyList<string> Cosigners, string? Error)
{
    /// <summary>A failure.</summary>
    public static CheckpointVerdict Fail(string error) => new(false, null, [], error);
}
