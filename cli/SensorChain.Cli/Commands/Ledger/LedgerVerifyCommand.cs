using System.CommandLine;
using SensorChain.Ledger;
using SensorChain.Ledger.Notes;

namespace SensorChain.Cli.Commands.Ledger;

/// <summary><c>sensorchain ledger verify --data DIR (--observation ID | --all)</c>.</summary>
internal static class LedgerVerifyCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder of the cloud (cloud.db, ledger/).", Required = true };
        var observation = new Option<string?>("--observation") { Description = "Observation id to verify." };
        var all = new Option<bool>("--all") { Description = "Verify every stored Observation." };
        var policy = new Option<string?>("--policy") { Description = "Verifier policy (default DIR/ledger-policy.txt)." };
        var command = new Command("verify", "Walks Observation → Provenance → signed batch → commitment → inclusion → checkpoint → cosignatures.")
        {
            data, observation, all, policy,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(observation);
            var everything = parse.GetValue(all);
            if ((id is null) == !everything)
            {
                await Console.Error.WriteLineAsync("Give exactly one of --observation ID or --all.");
                return 2;
            }

            try
            {
                await using var context = await LedgerContext.OpenAsync(Path.GetFullPath(parse.GetValue(data)!), parse.GetValue(policy), cancellationToken);
                if (id is not null)
                {
                    var report = await context.Verifier.VerifyAsync(id, cancellationToken);
                    await ReportPrinter.PrintAsync(report, Console.Out);
                    return await ReportPrinter.ResultAsync(report, Console.Out);
                }

                var count = 0;
                var failed = 0;
                string? firstFailure = null;
                await foreach (var report in context.Verifier.VerifyAllAsync(cancellationToken))
                {
                    count++;
                    if (count == 1 || !report.Ok)
                    {
                        await ReportPrinter.PrintAsync(report, Console.Out);
                    }

                    if (!report.Ok)
                    {
                        failed++;
                        firstFailure ??= $"Observation/{report.Subject} failed at step '{report.FirstFailure!.Name}': {report.FirstFailure.Detail}";
                    }
                }

                if (count == 0)
                {
                    await Console.Out.WriteLineAsync("FAILED at step 'observation': no Observations are stored.");
                    return 1;
                }

                await Console.Out.WriteLineAsync(failed == 0 ? $"VERIFIED all {count} Observations" : $"FAILED: {failed} of {count} Observations; first: {firstFailure}");
                return failed == 0 ? 0 : 1;
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
