using System.Buffers.Binary;

namespace SensorChain.Ledger.Tiles;

/// <summary>tlog-tiles entry bundles: each entry as a big-endian uint16 length followed by its bytes.</summary>
public static class EntryBundle
{
    /// <summary>Encodes entries into a bundle.</summary>
    public static byte[] Encode(IEnumerable<byte[]> entries)
    {
        using var stream = new MemoryStream();
        Span<byte> length = stackalloc byte[2];
        foreach (var entry in entries)
        {
            if (entry.Length > ushort.MaxValue)
            {
                throw new ArgumentException("An entry is at most 65535 bytes.", nameof(entries));
            }

            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)entry.Length);
            stream.Write(length);
            stream.Write(entry);
        }

        return stream.ToArray();
    }

    /// <summary>Decodes a bundle; throws <see cref="InvalidDataException"/> on a truncated one.</summary>
    public static IReadOnlyList<byte[]> Decode(ReadOnlySpan<byte> bundle)
    {
        var entries = new List<byte[]>();
        while (bundle.Length > 0)
        {
            if (bundle.Length < 2)
            {
                throw new InvalidDataException("Entry bundle is truncated in a length prefix.");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle);
            if (bundle.Length < 2 + length)
            {
                throw new InvalidDataException("Entry bundle is truncated in an entry.");
            }

            entries.Add(bundle.Slice(2, length).ToArray());
            bundle = bundle[(2 + length)..];
        }

        return entries;
    }
}
