using System.CommandLine;

namespace SensorChain.Cli.Commands.Ledger;

/// <summary><c>sensorchain bench ledger --seconds S</c>: the ledger load driver on 3 local etcd members.</summary>
internal static class BenchLedgerCommand
{
    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "How long to load the ledger.", DefaultValueFactory = _ => 20 };
        var data = new Option<string?>("--data") { Description = "Folder for the etcd members (default: a temp folder, deleted after)." };
        var batch = new Option<int>("--batch") { Description = "Entries per submission (one etcd write).", DefaultValueFactory = _ => 500 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent submitters per node.", DefaultValueFactory = _ => 4 };
        var ledger = new Command("ledger", "Loads a 3-node ledger on 3 local etcd members and prints RESULT anchors_per_s=… checkpoint_p99_ms=… cosigned_p99_ms=… proof_bytes=… verify_us=…")
        {
            seconds, data, batch, concurrency,
        };
        ledger.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(seconds) < 1 || parse.GetValue(batch) is < 1 or > 10_000 || parse.GetValue(concurrency) is < 1 or > 256)
            {
                await Console.Error.WriteLineAsync("--seconds ≥ 1, --batch 1..10000, --concurrency 1..256.");
                return 2;
            }

            return await LedgerBenchmark.RunAsync(parse.GetValue(seconds), parse.GetValue(batch), parse.GetValue(concurrency), parse.GetValue(data), Console.Out, cancellationToken);
        });
        return new Command("bench", "Load drivers that print measured figures.") { ledger };
    }
}
