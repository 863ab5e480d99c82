using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Logging;
using SensorChain.Ledger;
using SensorChain.Ledger.Entries;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Notes;
using SensorChain.Web.Audit;

namespace SensorChain.Cli.Hosting;

/// <summary>
/// Anchors checkpoints of the web app's audit chain on the ledger as AuditCheckpoint entries [org, chain size (8, BE),
/// head hash (32)] signed by the member organization's key (see <see cref="ConsortiumRules"/>). Only the sequence
/// number and the chain hash leave web.db.
/// </summary>
public sealed partial class LedgerAuditAnchor(ILedger ledger, string organization, Ed25519Key organizationKey, LedgerPolicy policy, ILogger<LedgerAuditAnchor> logger)
    : IAuditAnchor
{
    /// <inheritdoc />
    public async ValueTask AnchorAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        try
        {
            await ledger.AppendAsync([Entry(checkpoint)], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAnchorFailed(logger, checkpoint.Sequence, e);
        }
    }

    /// <summary>The ledger index of this checkpoint's entry when it is on the ledger and provably included; else null.</summary>
    public Task<long?> VerifyAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken) =>
        LedgerInclusion.VerifyAsync(ledger, policy, Entry(checkpoint), cancellationToken);

    /// <summary>The entry bytes of a checkpoint.</summary>
    public byte[] Entry(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var size = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(size, checkpoint.Sequence);
        byte[][] fields = [Encoding.UTF8.GetBytes(organization), size, Convert.FromHexString(checkpoint.Hash)];
        var unsigned = new SignedEntry(LedgerEntryType.AuditCheckpoint, fields, []);
        return (unsigned with { Signatures = [(organization, organizationKey.Sign(unsigned.SignedBytes()))] }).Encode();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchoring audit checkpoint {Sequence} on the ledger failed.")]
    private static partial void LogAnchorFailed(ILogger logger, long sequence, Exception exception);
}
