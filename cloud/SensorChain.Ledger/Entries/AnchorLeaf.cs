using System.Buffers.Binary;

namespace SensorChain.Ledger.Entries;

/// <summary>
/// The ledger entry that anchors one batch and reveals nothing about it: 0x01 ‖ commitment (32) ‖ org key ID (4, BE)
/// ‖ hour bucket (4, BE: hours since the Unix epoch). 41 bytes.
/// </summary>
/// <param name="Commitment">HMAC-SHA256(k_batch, batch hash).</param>
/// <param name="OrgKeyId">Key ID of the submitting organization's ledger key.</param>
/// <param name="HourBucket">Hours since the epoch of the cloud receive time.</param>
public sealed record AnchorLeaf(byte[] Commitment, uint OrgKeyId, uint HourBucket)
{
    /// <summary>Encoded length.</summary>
    public const int Length = 41;

    /// <summary>The hour bucket of a time.</summary>
    public static uint HourOf(DateTimeOffset time) => (uint)(time.ToUnixTimeSeconds() / 3600);

    /// <summary>The entry bytes.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[Length];
        bytes[0] = (byte)LedgerEntryType.BatchAnchor;
        Commitment.CopyTo(bytes, 1);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(33), OrgKeyId);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(37), HourBucket);
        return bytes;
    }

    /// <summary>Decodes an anchor entry; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static AnchorLeaf Decode(ReadOnlySpan<byte> entry)
    {
        if (entry.Length != Length || entry[0] != (byte)LedgerEntryType.BatchAnchor)
        {
            throw new InvalidDataException("Not a 41-byte batch anchor entry.");
        }

        return new AnchorLeaf(entry.Slice(1, 32).ToArray(), BinaryPrimitives.ReadUInt32BigEndian(entry[33..]), BinaryPrimitives.ReadUInt32BigEndian(entry[37..]));
    }
}
