using System.Globalization;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;
using SensorChain.Ledger.Anchoring;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Notes;
using SensorChain.Protocol;

namespace SensorChain.Ledger.Verification;

/// <summary>
/// Walks Observation → Provenance → batch hash and gateway signature → commitment → inclusion proof → checkpoint →
/// k-of-n cosignatures, reading the cloud's store through <see cref="IIngestStore"/> and the ledger through
/// <see cref="ILedger"/>; exports the same evidence as a self-contained tlog-proof that <see cref="VerifyProof"/> checks offline.
/// </summary>
public sealed class ObservationVerifier(IIngestStore store, ILedger ledger, AnchorStore anchors, LedgerPolicy policy)
{
    /// <summary>Verifies one stored Observation.</summary>
    public async Task<VerificationReport> VerifyAsync(string observationId, CancellationToken cancellationToken)
    {
        var (report, _) = await WalkAsync(observationId, cancellationToken);
        return report;
    }

    /// <summary>Verifies and, when everything up to the ledger was found, returns the self-contained proof.</summary>
    public async Task<(VerificationReport Report, TlogProof? Proof)> ExportProofAsync(string observationId, CancellationToken cancellationToken) =>
        await WalkAsync(observationId, cancellationToken);

    /// <summary>Verifies every stored Observation; returns the reports (all of them, failing ones included).</summary>
    public async IAsyncEnumerable<VerificationReport> VerifyAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var record in store.ExportAsync("Observation", null, cancellationToken))
        {
            ids.Add(record.Id);
        }

        foreach (var id in ids)
        {
            yield return await VerifyAsync(id, cancellationToken);
        }
    }

    /// <summary>Checks a proof file offline against a policy: nothing else is consulted.</summary>
    public static VerificationReport VerifyProof(TlogProof proof, LedgerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ObservationEvidence evidence;
        try
        {
            evidence = ObservationEvidence.Parse(proof.Extra ?? throw new System.Text.Json.JsonException("no extra data"));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            return new VerificationReport("proof", [new VerificationStep("observation", false, "the proof carries no valid evidence: " + e.Message)]);
        }

        return new VerificationReport(evidence.ObservationId, EvidenceChecks.Run(evidence, proof.Index, proof.Hashes, proof.Checkpoint, policy, null));
    }

    private static VerificationReport Fail(string id, List<VerificationStep> steps, string step, string detail)
    {
        steps.Add(new VerificationStep(step, false, detail));
        return new VerificationReport(id, steps);
    }

    private async Task<(VerificationReport, TlogProof?)> WalkAsync(string id, CancellationToken cancellationToken)
    {
        var steps = new List<VerificationStep>();
        FhirResourceRecord? observationRecord;
        try
        {
            observationRecord = await store.ReadResourceAsync("Observation", id, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            // A store that renders batch Observations from the raw batch refuses one whose batch is gone or changed.
            return (Fail(id, steps, "batch", e.Message), null);
        }

        if (observationRecord is null)
        {
            return (Fail(id, steps, "observation", $"Observation/{id} is not stored"), null);
        }

        string? provenanceId;
        try
        {
            provenanceId = FhirJson.Deserialize<Observation>(observationRecord.Json).Extension?
                .FirstOrDefault(x => x.Url == FhirSystems.ProvenanceExtension)?.ValueReference?.Reference?.Replace("Provenance/", string.Empty, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            return (Fail(id, steps, "observation", "stored Observation is not valid FHIR JSON: " + e.Message), null);
        }

        var provenanceRecord = provenanceId is null ? null : await store.ReadResourceAsync("Provenance", provenanceId, cancellationToken);
        if (provenanceRecord is null)
        {
            return (Fail(id, steps, "observation", $"Observation/{id} has no stored Provenance ({provenanceId ?? "no reference"})"), null);
        }

        // Provenance id is "<device>-<sequence>-prov".
        var parts = provenanceId!.Split('-');
        if (parts.Length != 3 || !DeviceId.TryParse(parts[0], out var device) || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return (Fail(id, steps, "provenance", $"Provenance id {provenanceId} does not name a device batch"), null);
        }

        var stored = await store.GetBatchAsync(device, sequence, cancellationToken);
        if (stored is null)
        {
            return (Fail(id, steps, "batch", $"the signed batch {device}/{sequence} is not stored (deleted?)"), null);
        }

        var enrollment = await store.FindDeviceAsync(device, cancellationToken);
        if (enrollment is null)
        {
            return (Fail(id, steps, "batch", $"device {device} is not enrolled"), null);
        }

        byte[] wire;
        try
        {
            wire = BatchCompression.Decompress(stored.CompressedBytes);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            return (Fail(id, steps, "batch", "the stored batch is corrupt: " + e.Message), null);
        }

        var provenanceHash = FhirJson.Deserialize<Provenance>(provenanceRecord.Json).Entity?.FirstOrDefault(e => e.Role == "source")?.What.Identifier?.Value;
        var anchor = provenanceHash is { Length: 64 } && provenanceHash.All(Uri.IsHexDigit)
            ? await anchors.FindAsync(BatchHash.Parse(provenanceHash), cancellationToken)
            : null;
        var secret = await anchors.GetSecretAsync(enrollment.PatientId, cancellationToken);
        var batchKey = secret is null ? null : BatchCommitment.DeriveBatchKey(secret, BatchCommitment.BatchId(device, sequence));
        var checkpoint = await ledger.LatestCheckpointAsync(cancellationToken);

        var evidence = new ObservationEvidence
        {
            ObservationId = id,
            ObservationJson = observationRecord.Json,
            ProvenanceJson = provenanceRecord.Json,
            Batch = Convert.ToBase64String(wire),
            DeviceKey = Convert.ToBase64String(enrollment.PublicKeySpki),
            PatientId = enrollment.PatientId,
            ReceivedAt = stored.ReceivedAt,
            BatchKey = Convert.ToBase64String(batchKey ?? new byte[32]),
            OrgKeyId = anchor?.OrgKeyId ?? 0,
            HourBucket = anchor?.HourBucket ?? 0,
        };

        if (anchor is null || batchKey is null || checkpoint is null)
        {
            // Run the checks that do not need the ledger, then name the missing piece.
            var early = EvidenceChecks.Run(evidence, 0, [], checkpoint ?? new SignedNote("none\n0\n" + Convert.ToBase64String(new byte[32]) + "\n", []), policy, null);
            var before = early.TakeWhile(s => s.Name != "commitment" && s.Ok).ToList();
            if (before.Count < early.Count && early[before.Count].Name != "commitment")
            {
                return (new VerificationReport(id, [.. before, early[before.Count]]), null);
            }

            var why = anchor is null ? $"batch {provenanceHash} has no ledger anchor" : batchKey is null ? "the patient's secret was erased" : "the ledger has no checkpoint";
            return (Fail(id, before, "commitment", why), null);
        }

        var size = Checkpoint.Parse(checkpoint.Text).Size;
        if (anchor.LeafIndex >= size)
        {
            return (Fail(id, steps, "inclusion", $"leaf {anchor.LeafIndex} is not yet covered by the checkpoint of size {size}"), null);
        }

        var proof = await ledger.InclusionProofAsync(anchor.LeafIndex, size, cancellationToken);
        var leaf = await ledger.ReadEntryAsync(anchor.LeafIndex, cancellationToken);
        var report = new VerificationReport(id, EvidenceChecks.Run(evidence, anchor.LeafIndex, proof, checkpoint, policy, leaf ?? []));
        return (report, new TlogProof(anchor.LeafIndex, proof, checkpoint, evidence.ToBytes()));
    }
}
