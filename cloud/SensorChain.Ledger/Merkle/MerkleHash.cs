using System.Security.Cryptography;

namespace SensorChain.Ledger.Merkle;

/// <summary>RFC 6962 / RFC 9162 hashing: SHA-256 with 0x00 before leaves and 0x01 before interior nodes.</summary>
public static class MerkleHash
{
    /// <summary>Length of every hash.</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot { get; } = SHA256.HashData([]);

    /// <summary>SHA-256(0x00 ‖ data).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        Leaf(data, hash);
        return hash;
    }

    /// <summary>SHA-256(0x00 ‖ data) into <paramref name="destination"/>.</summary>
    public static void Leaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(data);
        sha.GetHashAndReset(destination);
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right) into <paramref name="destination"/>.</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        SHA256.HashData(buffer, destination);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): RFC 6962's split point.</summary>
    public static long SplitPoint(long n)
    {
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "A split needs at least two leaves.");
        }

        return 1L << (63 - (int)long.LeadingZeroCount(n - 1));
    }
}
