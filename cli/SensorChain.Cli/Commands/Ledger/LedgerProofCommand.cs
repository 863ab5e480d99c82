using System.CommandLine;
using SensorChain.Ledger;
using SensorChain.Ledger.Notes;

namespace SensorChain.Cli.Commands.Ledger;

/// <summary><c>sensorchain ledger proof --data DIR --observation ID --out FILE</c>.</summary>
internal static class LedgerProofCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder of the cloud.", Required = true };
        var observation = new Option<string>("--observation") { Description = "Observation id.", Required = true };
        var output = new Option<string>("--out") { Description = "Proof file to write (C2SP tlog-proof, .tlog-proof).", Required = true };
        var command = new Command("proof", "Writes a self-contained, offline-verifiable proof for one Observation.") { data, observation, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var context = await LedgerContext.OpenAsync(Path.GetFullPath(parse.GetValue(data)!), null, cancellationToken);
                var (report, proof) = await context.Verifier.ExportProofAsync(parse.GetValue(observation)!, cancellationToken);
                if (!report.Ok || proof is null)
                {
                    await ReportPrinter.PrintAsync(report, Console.Out);
                    return await ReportPrinter.ResultAsync(report, Console.Out);
                }

                var text = proof.ToString();
                await File.WriteAllTextAsync(parse.GetValue(output)!, text, cancellationToken);
                await Console.Out.WriteLineAsync($"Wrote {parse.GetValue(output)} ({text.Length} bytes, leaf {proof.Index}, {proof.Hashes.Count} proof hashes)");
                return 0;
            }
            catch (Exception e) when (e is FileNotFoundException or LedgerIntegrityException or NoteFormatException)
            {
                await Console.Error.WriteLineAsync("FAILED at step 'ledger': " + e.Message);
                return 1;
            }
        });
        return command;
    }
}
