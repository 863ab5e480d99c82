using System.Text.Json;
using System.Text.Json.Serialization;

namespace SensorChain.Ledger.Etcd;

/// <summary>
/// The value of the latest-checkpoint key in etcd: the log-signed checkpoint, the previous checkpoint it extends
/// (size and etcd revision, so followers can walk back through MVCC history), and the pending submissions it
/// sequenced, in order, with their entry counts. Witnesses cosign only checkpoints marked <c>witness</c> (at most a few
/// per second), so all of them cosign the same tree heads.
/// </summary>
public sealed record CheckpointRecord(
    [property: JsonPropertyName("note")] string Note,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("prev_size")] long PreviousSize,
    [property: JsonPropertyName("prev_rev")] long PreviousRevision,
    [property: JsonPropertyName("sequencer")] string Sequencer,
    [property: JsonPropertyName("batches")] IReadOnlyList<SequencedSubmission> Batches,
    [property: JsonPropertyName("witness")] bool Witness = false)
{
    /// <summary>UTF-8 JSON.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>Parses the stored value.</summary>
    public static CheckpointRecord Parse(byte[] value) =>
        JsonSerializer.Deserialize<CheckpointRecord>(value) ?? throw new InvalidDataException("Empty checkpoint record.");
}
