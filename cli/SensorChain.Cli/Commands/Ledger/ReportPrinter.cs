using SensorChain.Ledger.Verification;

namespace SensorChain.Cli.Commands.Ledger;

/// <summary>Prints verification steps: one line each, a tick or a cross.</summary>
internal static class ReportPrinter
{
    public static async Task PrintAsync(VerificationReport report, TextWriter output)
    {
        await output.WriteLineAsync($"Observation/{report.Subject}");
        foreach (var step in report.Steps)
        {
            await output.WriteLineAsync($"  {(step.Ok ? "ok  " : "FAIL")} {step.Name,-17} {step.Detail}");
        }
    }

    public static async Task<int> ResultAsync(VerificationReport report, TextWriter output)
    {
        if (report.Ok)
        {
            await output.WriteLineAsync("VERIFIED");
            return 0;
        }

        await output.WriteLineAsync($"FAILED at step '{report.FirstFailure?.Name ?? "observation"}': {report.FirstFailure?.Detail}");
        return 1;
    }
}
