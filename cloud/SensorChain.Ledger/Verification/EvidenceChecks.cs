using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.Ingest.Mapping;
using SensorChain.Ledger.Anchoring;
using SensorChain.Ledger.Entries;
using SensorChain.Ledger.Log;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Notes;
using SensorChain.Protocol;

namespace SensorChain.Ledger.Verification;

/// <summary>The checks shared by the online walk and offline proof verification, in the walk's order.</summary>
internal static class EvidenceChecks
{
    public static List<VerificationStep> Run(ObservationEvidence evidence, long leafIndex, IReadOnlyList<byte[]> proof, SignedNote checkpointNote, LedgerPolicy policy, byte[]? storedLeaf)
    {
        var steps = new List<VerificationStep>();
        bool Add(string name, bool ok, string detail)
        {
            steps.Add(new VerificationStep(name, ok, detail));
            return ok;
        }

        // Observation → Provenance
        Observation observation;
        Provenance provenance;
        try
        {
            observation = FhirJson.Deserialize<Observation>(evidence.ObservationJson);
            provenance = FhirJson.Deserialize<Provenance>(evidence.ProvenanceJson);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            Add("observation", false, "stored Observation or Provenance is not valid FHIR JSON: " + e.Message);
            return steps;
        }

        var provenanceRef = observation.Extension?.FirstOrDefault(x => x.Url == FhirSystems.ProvenanceExtension)?.ValueReference?.Reference;
        if (!Add("observation", observation.Id == evidence.ObservationId && provenanceRef == "Provenance/" + provenance.Id,
                $"Observation/{observation.Id} points to {provenanceRef ?? "no Provenance"}"))
        {
            return steps;
        }

        var hashText = provenance.Entity?.FirstOrDefault(e => e.Role == "source")?.What.Identifier?.Value;
        var signatureText = provenance.Signature is { Count: > 0 } signatures ? signatures[0].Data : null;
        if (!Add("provenance", hashText is not null && signatureText is not null && hashText is { Length: 64 } && hashText.All(Uri.IsHexDigit),
                $"Provenance/{provenance.Id} names batch {hashText ?? "?"} and carries the gateway signature"))
        {
            return steps;
        }

        // Batch hash and gateway signature
        SignedBatch signed;
        try
        {
            signed = BatchCodec.Decode(Convert.FromBase64String(evidence.Batch));
        }
        catch (Exception e) when (e is BatchFormatException or FormatException)
        {
            Add("batch", false, "the stored batch does not decode: " + e.Message);
            return steps;
        }

        var deviceKey = Convert.FromBase64String(evidence.DeviceKey);
        bool signatureOk;
        try
        {
            using var key = P256.ImportPublicKey(deviceKey);
            signatureOk = BatchCodec.VerifySignature(signed, key);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            signatureOk = false;
        }

        var hashOk = signed.Hash.ToString() == hashText;
        var sigMatches = Convert.ToBase64String(signed.Signature.Span) == signatureText;
        var deviceOk = DeviceId.FromPublicKey(deviceKey) == signed.Device;
        if (!Add("batch", hashOk && sigMatches && deviceOk && signatureOk,
                !hashOk ? $"batch hash {signed.Hash} differs from the Provenance's {hashText}"
                : !deviceOk ? "the device key does not belong to the batch's device"
                : !sigMatches ? "the batch signature differs from the Provenance's"
                : !signatureOk ? "the gateway signature does not verify"
                : $"batch {signed.Device}/{signed.Sequence} hash {signed.Hash} signed by its gateway"))
        {
            return steps;
        }

        var remapped = BatchFhirMapper.Map(signed, evidence.PatientId, evidence.ReceivedAt).Observations.FirstOrDefault(o => o.Id == observation.Id);
        var expectedJson = remapped is null ? null : FhirRecords.From(remapped, evidence.ReceivedAt).Json;
        var storedJson = FhirRecords.From(observation, evidence.ReceivedAt).Json;
        if (!Add("observation-value", expectedJson == storedJson,
                expectedJson == storedJson ? "the Observation is exactly what the signed batch says" : "the stored Observation differs from what the signed batch says"))
        {
            return steps;
        }

        // Commitment
        var commitment = BatchCommitment.Commit(Convert.FromBase64String(evidence.BatchKey), signed.Hash);
        var leaf = new AnchorLeaf(commitment, evidence.OrgKeyId, evidence.HourBucket).Encode();
        var storedOk = storedLeaf is null || storedLeaf.AsSpan().SequenceEqual(leaf);
        if (!Add("commitment", storedOk, storedOk
                ? $"leaf {leafIndex} = HMAC(k_batch, batch hash), org key {evidence.OrgKeyId:x8}, hour {evidence.HourBucket}"
                : $"ledger leaf {leafIndex} does not hold this batch's commitment"))
        {
            return steps;
        }

        // Inclusion → checkpoint → cosignatures
        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Parse(checkpointNote.Text);
        }
        catch (NoteFormatException e)
        {
            Add("inclusion", false, "checkpoint is malformed: " + e.Message);
            return steps;
        }

        if (!Add("inclusion", MerkleVerifier.VerifyInclusion(MerkleHash.Leaf(leaf), leafIndex, checkpoint.Size, proof, checkpoint.Root),
                $"leaf {leafIndex} in tree of size {checkpoint.Size} ({proof.Count} hashes)"))
        {
            return steps;
        }

        var verdict = policy.Verify(checkpointNote);
        var quorumFailure = verdict.Error?.StartsWith("cosignatures", StringComparison.Ordinal) == true;
        if (!Add("checkpoint", verdict.Ok || quorumFailure, verdict.Ok || quorumFailure ? $"signed by the log {checkpoint.Origin}" : verdict.Error!))
        {
            return steps;
        }

        Add("cosignatures", verdict.Ok, verdict.Ok
            ? $"{verdict.Cosigners.Count} of {policy.Witnesses.Count} witnesses cosigned (quorum {policy.Quorum}): {string.Join(", ", verdict.Cosigners)}"
            : verdict.Error!);
        return steps;
    }
}
