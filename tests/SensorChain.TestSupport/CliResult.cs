namespace SensorChain.TestSupport;

/// <summary>What a CLI run produced.</summary>
/// <param name="ExitCode">Process exit code (−1 when killed on timeout).</param>
/// <param name="StandardOutput">Everything printed to stdout.</param>
/// <param name="StandardError">Everything printed to stderr.</param>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
