using SensorChain.Ledger.Log;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Notes;

namespace SensorChain.Ledger.Witnessing;

/// <summary>
/// A witness: cosigns a log's checkpoint (C2SP tlog-cosignature) only if the log signed it and it is consistent with
/// the last checkpoint this witness cosigned for that log (verified with a consistency proof, never trusting the log).
/// </summary>
public sealed class Witness
{
    private readonly CosignatureSigner _signer;
    private readonly IReadOnlyList<NoteVerifier> _logs;
    private readonly IWitnessStateStore _state;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    /// <summary>Creates a witness for the logs whose keys are <paramref name="logs"/>.</summary>
    public Witness(CosignatureSigner signer, IReadOnlyList<NoteVerifier> logs, IWitnessStateStore state, TimeProvider time)
    {
        _signer = signer;
        _logs = logs;
        _state = state;
        _time = time;
    }

    /// <summary>The witness name.</summary>
    public string Name => _signer.Name;

    /// <summary>The witness verifier key (type 0x04).</summary>
    public string VerifierKey => _signer.VerifierKey;

    /// <summary>The size last cosigned for <paramref name="origin"/> (0 when none).</summary>
    public long KnownSize(string origin) => _state.Get(origin)?.Size ?? 0;

    /// <summary>
    /// tlog-witness add-checkpoint: <paramref name="oldSize"/> must be the size this witness last cosigned and
    /// <paramref name="consistencyProof"/> must prove the new checkpoint extends it. Returns the cosignature line.
    /// </summary>
    public NoteSignature AddCheckpoint(SignedNote note, long oldSize, IReadOnlyList<byte[]> consistencyProof)
    {
        ArgumentNullException.ThrowIfNull(note);
        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Parse(note.Text);
        }
        catch (NoteFormatException e)
        {
            throw new WitnessException("checkpoint is malformed: " + e.Message, e);
        }

        var log = _logs.FirstOrDefault(l => l.Name == checkpoint.Origin)
            ?? throw new WitnessException($"unknown log '{checkpoint.Origin}'");
        if (!note.Signatures.Any(s => log.Verify(note.Text, s, out _)))
        {
            throw new WitnessException("checkpoint is not signed by the log key");
        }

        lock (_gate)
        {
            var last = _state.Get(checkpoint.Origin) ?? new WitnessState(0, MerkleHash.EmptyRoot);
            if (oldSize != last.Size)
            {
                throw new WitnessException($"old size {oldSize} is not the size {last.Size} this witness last cosigned", last.Size);
            }

            if (checkpoint.Size < last.Size)
            {
                throw new WitnessException($"checkpoint size {checkpoint.Size} is smaller than the cosigned {last.Size}: the log rolled back");
            }

            if (!MerkleVerifier.VerifyConsistency(last.Size, checkpoint.Size, last.Root, checkpoint.Root, consistencyProof))
            {
                throw new WitnessException($"checkpoint of size {checkpoint.Size} is not consistent with the cosigned size {last.Size}: possible fork");
            }

            _state.Set(checkpoint.Origin, new WitnessState(checkpoint.Size, checkpoint.Root));
            return _signer.Cosign(note.Text, (ulong)_time.GetUtcNow().ToUnixTimeSeconds());
        }
    }
}
