using SensorChain.Ledger.Anchoring;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Notes;
using SensorChain.Ledger.Witnessing;

namespace SensorChain.Ledger.Embedded;

/// <summary>
/// The demo's consortium in one process, with all state under <c>DIR/ledger/</c>: the log key, one in-process
/// witness per member organization (quorum 2 of 3), the SQLite ledger, the anchor store, and the verifier policy
/// written to <c>DIR/ledger-policy.txt</c>.
/// </summary>
public sealed class EmbeddedLedgerHost : IAsyncDisposable
{
    /// <summary>The log origin used by the embedded ledger.</summary>
    public const string DefaultOrigin = "sensorchain.local/ledger";

    /// <summary>Member organizations of the demo consortium.</summary>
    public static readonly IReadOnlyList<string> Members = ["org-a", "org-b", "org-c"];

    private EmbeddedLedgerHost(string dataDirectory, SqliteLedger ledger, AnchorStore anchors, NoteSigner organization, LedgerPolicy policy)
    {
        DataDirectory = dataDirectory;
        Ledger = ledger;
        Anchors = anchors;
        Organization = organization;
        Policy = policy;
    }

    /// <summary>The data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The ledger.</summary>
    public SqliteLedger Ledger { get; }

    /// <summary>Secrets and anchors of the ingesting organization.</summary>
    public AnchorStore Anchors { get; }

    /// <summary>The ingesting organization's ledger key (its key ID goes into every anchor leaf).</summary>
    public NoteSigner Organization { get; }

    /// <summary>The verifier policy (also written to <see cref="PolicyPath"/>).</summary>
    public LedgerPolicy Policy { get; }

    /// <summary>DIR/ledger-policy.txt.</summary>
    public string PolicyPath => PolicyFile(DataDirectory);

    /// <summary>Where the policy of a data folder is.</summary>
    public static string PolicyFile(string dataDirectory) => Path.Combine(dataDirectory, "ledger-policy.txt");

    /// <summary>Opens (creating keys and databases on first use) the embedded ledger of <paramref name="dataDirectory"/>.</summary>
    public static async Task<EmbeddedLedgerHost> OpenAsync(string dataDirectory, TimeProvider time, CancellationToken cancellationToken, string organization = "org-a")
    {
        var folder = Path.Combine(dataDirectory, "ledger");
        Directory.CreateDirectory(Path.Combine(folder, "keys"));
        var logSigner = new NoteSigner(DefaultOrigin, Ed25519Key.LoadOrCreate(Path.Combine(folder, "keys", "log.key")));
        var org = new NoteSigner(organization, Ed25519Key.LoadOrCreate(Path.Combine(folder, "keys", organization + ".key")));
        var witnesses = new List<Witness>();
        foreach (var member in Members)
        {
            var signer = new CosignatureSigner("witness." + member, Ed25519Key.LoadOrCreate(Path.Combine(folder, "keys", "witness." + member + ".key")));
            witnesses.Add(new Witness(signer, [logSigner.Verifier], new FileWitnessStateStore(Path.Combine(folder, "witness." + member + ".json")), time));
        }

        var policy = new LedgerPolicy([logSigner.Verifier], witnesses.Select(w => NoteVerifier.Parse(w.VerifierKey)).ToList(), 2);
        await File.WriteAllTextAsync(PolicyFile(dataDirectory), policy.ToText(), cancellationToken);
        var ledger = await SqliteLedger.OpenAsync(Path.Combine(folder, "ledger.db"), logSigner, witnesses, cancellationToken);
        var anchors = await AnchorStore.OpenAsync(Path.Combine(folder, "anchors.db"), cancellationToken);
        return new EmbeddedLedgerHost(dataDirectory, ledger, anchors, org, policy);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        await Anchors.DisposeAsync();
    }
}
