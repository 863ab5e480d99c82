using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using SensorChain.Ledger;
using SensorChain.Ledger.Anchoring;
using SensorChain.Ledger.Entries;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Notes;
using SensorChain.Web.Consent;

namespace SensorChain.Cli.Hosting;

/// <summary>
/// Records each consent grant and revocation of the web app on the ledger as a ConsentGrant / ConsentRevoke entry
/// (see <see cref="ConsortiumRules"/>): [patient key, grantee, scope], signed by the patient's key. No PHI: the patient
/// key is derived from the patient's ledger secret (so it is a pseudonym that erasing the secret unlinks), the grantee
/// is a keyed hash under the same secret, and the scope holds the random consent id, the categories and the period.
/// </summary>
public sealed partial class LedgerConsentRecorder(ILedger ledger, AnchorStore secrets, LedgerPolicy policy, ILogger<LedgerConsentRecorder> logger) : IConsentLedger
{
    private static readonly byte[] KeyLabel = Encoding.UTF8.GetBytes("sensorchain/consent-key/v1");

    /// <inheritdoc />
    public async ValueTask RecordAsync(ConsentGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        try
        {
            await ledger.AppendAsync([await EntryAsync(grant, cancellationToken)], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The grant is stored and in force either way; the ledger record is the audit copy.
            LogRecordFailed(logger, grant.Id, grant.Version, e);
        }
    }

    /// <summary>The ledger index of this grant's (or revocation's) entry when it is on the ledger and provably included; else null.</summary>
    public async Task<long?> VerifyAsync(ConsentGrant grant, CancellationToken cancellationToken) =>
        await LedgerInclusion.VerifyAsync(ledger, policy, await EntryAsync(grant, cancellationToken), cancellationToken);

    /// <summary>The entry bytes for a grant (active) or its revocation (inactive). Ed25519 is deterministic, so the bytes can be rebuilt to verify.</summary>
    public async Task<byte[]> EntryAsync(ConsentGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var secret = await secrets.GetOrCreateSecretAsync(grant.PatientId, cancellationToken);
        var patientKey = Ed25519Key.FromSeed(HMACSHA256.HashData(secret, KeyLabel));
        var grantee = Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"grantee|{grant.Grantee}|{grant.GranteeId}")))[..32];
        var scope = string.Join(';',
            grant.Id,
            string.Join(',', grant.Categories.Select(c => c.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal)),
            grant.Start?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            grant.End?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        var type = grant.Active ? LedgerEntryType.ConsentGrant : LedgerEntryType.ConsentRevoke;
        byte[][] fields = [patientKey.PublicKey, Encoding.UTF8.GetBytes(grantee), Encoding.UTF8.GetBytes(scope)];
        var unsigned = new SignedEntry(type, fields, []);
        return (unsigned with { Signatures = [("patient", patientKey.Sign(unsigned.SignedBytes()))] }).Encode();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording consent {ConsentId} v{Version} on the ledger failed.")]
    private static partial void LogRecordFailed(ILogger logger, string consentId, int version, Exception exception);
}
