using System.Buffers.Binary;
using System.Text;

namespace SensorChain.Ledger.Entries;

/// <summary>
/// A typed ledger entry other than a batch anchor: type byte ‖ body (length-prefixed fields) ‖ signatures.
/// Body fields are UTF-8 strings or byte strings, each with a big-endian uint16 length. Signatures follow as
/// count (1 byte) × (signer name, 64-byte Ed25519 signature over type ‖ body).
/// </summary>
/// <param name="Type">Entry type.</param>
/// <param name="Fields">Body fields in order.</param>
/// <param name="Signatures">(signer, signature) pairs.</param>
public sealed record SignedEntry(LedgerEntryType Type, IReadOnlyList<byte[]> Fields, IReadOnlyList<(string Signer, byte[] Signature)> Signatures)
{
    /// <summary>The signed bytes: type ‖ body.</summary>
    public byte[] SignedBytes()
    {
        using var stream = new MemoryStream();
        stream.WriteByte((byte)Type);
        foreach (var field in Fields)
        {
            WriteField(stream, field);
        }

        return stream.ToArray();
    }

    /// <summary>The entry bytes.</summary>
    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        stream.WriteByte((byte)Type);
        stream.WriteByte((byte)Fields.Count);
        foreach (var field in Fields)
        {
            WriteField(stream, field);
        }

        stream.WriteByte((byte)Signatures.Count);
        foreach (var (signer, signature) in Signatures)
        {
            WriteField(stream, Encoding.UTF8.GetBytes(signer));
            WriteField(stream, signature);
        }

        return stream.ToArray();
    }

    /// <summary>Field <paramref name="index"/> as UTF-8 text.</summary>
    public string Text(int index) => Encoding.UTF8.GetString(Fields[index]);

    /// <summary>Decodes an entry; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static SignedEntry Decode(ReadOnlySpan<byte> entry)
    {
        if (entry.Length < 3)
        {
            throw new InvalidDataException("Entry is too short.");
        }

        var type = (LedgerEntryType)entry[0];
        if (type is < LedgerEntryType.DeviceEnrollment or > LedgerEntryType.MembershipChange)
        {
            throw new InvalidDataException($"Entry type {entry[0]} is not a signed entry type.");
        }

        var at = 1;
        var fieldCount = entry[at++];
        var fields = new List<byte[]>();
        for (var i = 0; i < fieldCount; i++)
        {
            fields.Add(ReadField(entry, ref at));
        }

        if (at >= entry.Length)
        {
            throw new InvalidDataException("Entry has no signature count.");
        }

        var signatureCount = entry[at++];
        var signatures = new List<(string, byte[])>();
        for (var i = 0; i < signatureCount; i++)
        {
            var signer = Encoding.UTF8.GetString(ReadField(entry, ref at));
            signatures.Add((signer, ReadField(entry, ref at)));
        }

        if (at != entry.Length)
        {
            throw new InvalidDataException("Entry has trailing bytes.");
        }

        return new SignedEntry(type, fields, signatures);
    }

    private static void WriteField(Stream stream, byte[] field)
    {
        if (field.Length > ushort.MaxValue)
        {
            throw new ArgumentException("An entry field is at most 65535 bytes.", nameof(field));
        }

        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)field.Length);
        stream.Write(length);
        stream.Write(field);
    }

    private static byte[] ReadField(ReadOnlySpan<byte> entry, ref int at)
    {
        if (at + 2 > entry.Length)
        {
            throw new InvalidDataException("Entry is truncated in a field length.");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(entry[at..]);
        at += 2;
        if (at + length > entry.Length)
        {
            throw new InvalidDataException("Entry is truncated in a field.");
        }

        var field = entry.Slice(at, length).ToArray();
        at += length;
        return field;
    }
}
