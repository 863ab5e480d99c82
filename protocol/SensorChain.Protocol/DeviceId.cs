using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SensorChain.Protocol;

/// <summary>
/// A device's identity: the first 16 bytes of SHA-256 over its public key (SubjectPublicKeyInfo DER).
/// Carries no PHI, so it may appear in topics, logs and on the ledger. Shown as 32 lowercase hex digits.
/// </summary>
public readonly struct DeviceId : IEquatable<DeviceId>, IComparable<DeviceId>
{
    /// <summary>Length of a device id on the wire.</summary>
    public const int Size = 16;

    private readonly ulong _hi;
    private readonly ulong _lo;

    private DeviceId(ulong hi, ulong lo)
    {
        _hi = hi;
        _lo = lo;
    }

    /// <summary>Reads a device id from exactly 16 bytes.</summary>
    public static DeviceId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A device id is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }

        return new DeviceId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>Derives the id of the device that owns <paramref name="subjectPublicKeyInfo"/>.</summary>
    public static DeviceId FromPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(subjectPublicKeyInfo, hash);
        return FromBytes(hash[..Size]);
    }

    /// <summary>Parses 32 hex digits.</summary>
    public static DeviceId Parse(string hex)
    {
        if (!TryParse(hex, out var id))
        {
            throw new FormatException("A device id is 32 hexadecimal digits.");
        }

        return id;
    }

    /// <summary>Parses 32 hex digits without throwing.</summary>
    public static bool TryParse(string? hex, out DeviceId id)
    {
        id = default;
        if (hex is null || hex.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }

        id = FromBytes(bytes);
        return true;
    }

    /// <summary>Writes the 16 bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _hi);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _lo);
    }

    /// <summary>The 16 bytes as a new array.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <inheritdoc />
    public bool Equals(DeviceId other) => _hi == other._hi && _lo == other._lo;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DeviceId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_hi, _lo);

    /// <inheritdoc />
    public int CompareTo(DeviceId other) => _hi != other._hi ? _hi.CompareTo(other._hi) : _lo.CompareTo(other._lo);

    /// <summary>Equality.</summary>
    public static bool operator ==(DeviceId left, DeviceId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(DeviceId left, DeviceId right) => !left.Equals(right);

    /// <summary>Ordering.</summary>
    public static bool operator <(DeviceId left, DeviceId right) => left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(DeviceId left, DeviceId right) => left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(DeviceId left, DeviceId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >=(DeviceId left, DeviceId right) => left.CompareTo(right) >= 0;
}
