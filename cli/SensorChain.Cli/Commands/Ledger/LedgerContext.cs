using SensorChain.Ingest.Sqlite;
using SensorChain.Ledger.Embedded;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Verification;

namespace SensorChain.Cli.Commands.Ledger;

/// <summary>The cloud store, embedded ledger and policy of a data folder, opened for verification.</summary>
internal sealed class LedgerContext : IAsyncDisposable
{
    private LedgerContext(SqliteIngestStore store, EmbeddedLedgerHost host, ObservationVerifier verifier)
    {
        Store = store;
        Host = host;
        Verifier = verifier;
    }

    public SqliteIngestStore Store { get; }

    public EmbeddedLedgerHost Host { get; }

    public ObservationVerifier Verifier { get; }

    /// <summary>Opens DIR; the policy is read from <paramref name="policyPath"/> or DIR/ledger-policy.txt before the ledger opens.</summary>
    public static async Task<LedgerContext> OpenAsync(string dataDirectory, string? policyPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "cloud.db")))
        {
            throw new FileNotFoundException($"No cloud store in {dataDirectory} (expected cloud.db): run `sensorchain demo --data {dataDirectory}` first.");
        }

        var policyFile = policyPath ?? EmbeddedLedgerHost.PolicyFile(dataDirectory);
        if (!File.Exists(policyFile))
        {
            throw new FileNotFoundException($"No ledger policy at {policyFile}.");
        }

        var policy = LedgerPolicy.Load(policyFile);
        var store = await SqliteIngestStore.OpenAsync(dataDirectory, TimeProvider.System, cancellationToken);
        var host = await EmbeddedLedgerHost.OpenAsync(dataDirectory, TimeProvider.System, cancellationToken);
        return new LedgerContext(store, host, new ObservationVerifier(store, host.Ledger, host.Anchors, policy));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Store.DisposeAsync();
    }
}
