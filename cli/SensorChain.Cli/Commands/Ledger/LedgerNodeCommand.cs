using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorChain.Ledger.Etcd;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Notes;
using SensorChain.Ledger.Tiles;
using SensorChain.Ledger.Witnessing;

namespace SensorChain.Cli.Commands.Ledger;

/// <summary>
/// <c>sensorchain ledger node --org NAME --etcd URLS --dir DIR --members a,b,c</c>: one organization's ledger node
/// with its witness, serving its copy of the log as tlog-tiles. Members exchange public keys through DIR/members/.
/// </summary>
internal static class LedgerNodeCommand
{
    public static Command Create()
    {
        var org = new Option<string>("--org") { Description = "This organization's name (node and key name).", Required = true };
        var etcd = new Option<string>("--etcd") { Description = "etcd client URLs, own member first.", DefaultValueFactory = _ => "http://127.0.0.1:23791" };
        var dir = new Option<string>("--dir") { Description = "Consortium folder: DIR/<org>/ keys, DIR/members/ public keys, DIR/ledger-policy.txt.", DefaultValueFactory = _ => "./.sensorchain-consortium" };
        var members = new Option<string>("--members") { Description = "All member organizations, comma-separated.", DefaultValueFactory = _ => "org-a,org-b,org-c" };
        var quorum = new Option<int>("--quorum") { Description = "Witness cosignatures a verifier requires.", DefaultValueFactory = _ => 2 };
        var urls = new Option<string>("--urls") { Description = "Where to serve /checkpoint and /tile/….", DefaultValueFactory = _ => "http://127.0.0.1:18180" };
        var origin = new Option<string>("--origin") { Description = "Log origin.", DefaultValueFactory = _ => "sensorchain.consortium/ledger" };
        var command = new Command("node", "Runs one organization's ledger node and witness on the shared etcd cluster.") { org, etcd, dir, members, quorum, urls, origin };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(org)!;
            var folder = Path.GetFullPath(parse.GetValue(dir)!);
            var names = parse.GetValue(members)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!names.Contains(name) || !NoteKeys.IsValidKeyName(name))
            {
                await Console.Error.WriteLineAsync($"--org {name} must be a valid name listed in --members.");
                return 2;
            }

            var logSigner = new NoteSigner(parse.GetValue(origin)!, Ed25519Key.LoadOrCreate(Path.Combine(folder, name, "log.key")));
            var cosigner = new CosignatureSigner("witness." + name, Ed25519Key.LoadOrCreate(Path.Combine(folder, name, "witness.key")));
            Directory.CreateDirectory(Path.Combine(folder, "members"));
            await File.WriteAllTextAsync(Path.Combine(folder, "members", name + ".vkeys"), logSigner.VerifierKey + "\n" + cosigner.VerifierKey + "\n", cancellationToken);

            await Console.Out.WriteLineAsync($"Waiting for the public keys of {string.Join(", ", names)} in {Path.Combine(folder, "members")}…");
            while (!names.All(n => File.Exists(Path.Combine(folder, "members", n + ".vkeys"))))
            {
                await Task.Delay(500, cancellationToken);
            }

            var keys = names.Select(n => File.ReadAllLines(Path.Combine(folder, "members", n + ".vkeys"))).ToList();
            var policy = new LedgerPolicy([.. keys.Select(k => NoteVerifier.Parse(k[0]))], [.. keys.Select(k => NoteVerifier.Parse(k[1]))], parse.GetValue(quorum));
            await File.WriteAllTextAsync(Path.Combine(folder, "ledger-policy.txt"), policy.ToText(), cancellationToken);

            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            var app = builder.Build();
            var witness = new Witness(cosigner, policy.Logs, new FileWitnessStateStore(Path.Combine(folder, name, "witness-state.json")), TimeProvider.System);
            var options = new EtcdLedgerOptions { Origin = logSigner.Name, NodeName = name, Endpoints = parse.GetValue(etcd)! };
            await using var node = new EtcdLedgerNode(options, logSigner, witness, policy, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ledger"));
            app.MapLedgerTilesApi(node);
            node.Start();
            await app.StartAsync(cancellationToken);
            await Console.Out.WriteLineAsync($"Ledger node {name} running; tiles at {parse.GetValue(urls)}/checkpoint (Ctrl+C to stop)");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }
}
