using System.Security.Cryptography;

namespace SensorChain.Protocol;

/// <summary>
/// SHA-256 of a complete signed batch (body and signature), as it travels on the wire.
/// Each batch carries the hash of the device's previous batch, forming a per-device chain.
/// </summary>
public readonly struct BatchHash : IEquatable<BatchHash>
{
    /// <summary>Length of a hash.</summary>
    public const int Size = 32;

    private readonly byte[]? _bytes;

    private BatchHash(byte[] bytes) => _bytes = bytes;

    /// <summary>The all-zero hash that a device's first batch (sequence 0) carries as its previous hash.</summary>
    public static BatchHash Zero { get; } = new(new byte[Size]);

    /// <summary>The 32 bytes (read-only view).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? Zero._bytes!;

    /// <summary>True for the all-zero hash.</summary>
    public bool IsZero => Bytes.IndexOfAnyExcept((byte)0) < 0;

    /// <summary>Copies exactly 32 bytes into a hash.</summary>
    public static BatchHash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A batch hash is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }

        return new BatchHash(bytes.ToArray());
    }

    /// <summary>Hashes the wire bytes of a signed batch.</summary>
    public static BatchHash Compute(ReadOnlySpan<byte> signedBatch) => new(SHA256.HashData(signedBatch));

    /// <summary>Parses 64 hex digits.</summary>
    public static BatchHash Parse(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        return FromBytes(bytes);
    }

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray() => Bytes.ToArray();

    /// <inheritdoc />
    public override string ToString() => Convert.ToHexStringLower(Bytes);

    /// <inheritdoc />
    public bool Equals(BatchHash other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BatchHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]);

    /// <summary>Equality.</summary>
    public static bool operator ==(BatchHash left, BatchHash right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(BatchHash left, BatchHash right) => !left.Equals(right);
}
