using System.CommandLine;

namespace SensorChain.Cli.Commands.Ledger;

/// <summary><c>sensorchain ledger …</c>: verify Observations against the ledger, export and check proofs, run a node.</summary>
internal static class LedgerCommand
{
    public static Command Create() => new("ledger", "Consortium ledger: verification walks, offline proofs, ledger nodes.")
    {
        LedgerVerifyCommand.Create(),
        LedgerProofCommand.Create(),
        LedgerVerifyProofCommand.Create(),
        LedgerNodeCommand.Create(),
    };
}
