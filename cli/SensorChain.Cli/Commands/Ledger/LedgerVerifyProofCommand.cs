using System.CommandLine;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Notes;
using SensorChain.Ledger.Verification;

namespace SensorChain.Cli.Commands.Ledger;

/// <summary><c>sensorchain ledger verify-proof FILE --policy POLICY</c>: offline, nothing but the two files.</summary>
internal static class LedgerVerifyProofCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The proof file." };
        var policy = new Option<string>("--policy") { Description = "Verifier policy (log and witness keys, quorum).", Required = true };
        var command = new Command("verify-proof", "Checks a proof file offline against a policy.") { file, policy };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var proof = TlogProof.Parse(await File.ReadAllTextAsync(parse.GetValue(file)!, cancellationToken));
                var trusted = LedgerPolicy.Parse(await File.ReadAllTextAsync(parse.GetValue(policy)!, cancellationToken));
                var report = ObservationVerifier.VerifyProof(proof, trusted);
                await ReportPrinter.PrintAsync(report, Console.Out);
                return await ReportPrinter.ResultAsync(report, Console.Out);
            }
            catch (Exception e) when (e is NoteFormatException or IOException or UnauthorizedAccessException)
            {
                await Console.Out.WriteLineAsync("FAILED at step 'format': " + e.Message);
                return 1;
            }
        });
        return command;
    }
}
