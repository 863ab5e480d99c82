namespace SensorChain.Protocol;

/// <summary>A batch together with the exact bytes that were signed and sent, and their hash.</summary>
public sealed class SignedBatch
{
    internal SignedBatch(SensorBatch batch, ReadOnlyMemory<byte> bytes)
    {
        Batch = batch;
        Bytes = bytes;
        Hash = BatchHash.Compute(bytes.Span);
    }

    /// <summary>The decoded content.</summary>
    public SensorBatch Batch { get; }

    /// <summary>The complete wire bytes: body followed by the 64-byte signature.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>SHA-256 of <see cref="Bytes"/>; the next batch of the device carries it.</summary>
    public BatchHash Hash { get; }

    /// <summary>The signed part.</summary>
    public ReadOnlyMemory<byte> Body => Bytes[..^BatchFormat.SignatureSize];

    /// <summary>The P1363 signature.</summary>
    public ReadOnlyMemory<byte> Signature => Bytes[^BatchFormat.SignatureSize..];

    /// <summary>Shortcut for the device id.</summary>
    public DeviceId Device => Batch.Device;

    /// <summary>Shortcut for the sequence number.</summary>
    public ulong Sequence => Batch.Sequence;
}
