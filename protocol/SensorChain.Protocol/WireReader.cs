using System.Buffers.Binary;

namespace SensorChain.Protocol;

/// <summary>Reads v1 primitives from a span, recording the first error instead of throwing.</summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;

    public WireReader(ReadOnlySpan<byte> data, int end)
    {
        _data = data[..end];
        Position = 0;
        Error = null;
        ChannelIndex = -1;
    }

    public int Position { get; private set; }

    /// <summary>The channel being read (field names become <c>channels[i].field</c>), or −1 in the header.</summary>
    public int ChannelIndex { get; set; } = -1;

    public BatchError? Error { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public bool Fail(BatchErrorCode code, string field, string detail, int? offset = null)
    {
        Error ??= new BatchError(code, ChannelIndex >= 0 ? $"channels[{ChannelIndex}].{field}" : field, offset ?? Position, detail);
        return false;
    }

    public bool Bytes(int length, string field, out ReadOnlySpan<byte> value)
    {
        if (Remaining < length)
        {
            value = default;
            return Fail(BatchErrorCode.Truncated, field, $"needs {length} bytes, {Remaining} left");
        }

        value = _data.Slice(Position, length);
        Position += length;
        return true;
    }

    public bool Byte(string field, out byte value)
    {
        value = 0;
        if (!Bytes(1, field, out var span))
        {
            return false;
        }

        value = span[0];
        return true;
    }

    public bool UInt16(string field, out ushort value)
    {
        value = 0;
        if (!Bytes(2, field, out var span))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt16BigEndian(span);
        return true;
    }

    public bool UInt32(string field, out uint value)
    {
        value = 0;
        if (!Bytes(4, field, out var span))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(span);
        return true;
    }

    public bool UInt64(string field, out ulong value)
    {
        value = 0;
        if (!Bytes(8, field, out var span))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(span);
        return true;
    }

    public bool Int64(string field, out long value)
    {
        value = 0;
        if (!Bytes(8, field, out var span))
        {
            return false;
        }

        value = BinaryPrimitives.ReadInt64BigEndian(span);
        return true;
    }

    /// <summary>LEB128, at most 10 bytes, canonical (no redundant trailing zero groups).</summary>
    public bool VarUInt(string field, out ulong value)
    {
        value = 0;
        var start = Position;
        var shift = 0;
        for (var i = 0; i < 10; i++)
        {
            if (Position >= _data.Length)
            {
                return Fail(BatchErrorCode.Truncated, field, "varint ends early", start);
            }

            var b = _data[Position++];
            if (i == 9 && b > 1)
            {
                return Fail(BatchErrorCode.InvalidValue, field, "varint overflows 64 bits", start);
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    return Fail(BatchErrorCode.NonCanonical, field, "overlong varint", start);
                }

                return true;
            }

            shift += 7;
        }

        return Fail(BatchErrorCode.InvalidValue, field, "varint longer than 10 bytes", start);
    }

    /// <summary>
    /// Reads <paramref name="destination"/>.Length zigzag varint deltas and stores their running sum: the sample
    /// values of a channel. One- and two-byte varints (nearly every sample) take a fast path; anything else, and every
    /// error, goes through <see cref="VarUInt"/>, so the rules and messages are the same.
    /// </summary>
    public bool DeltaVarInts(string field, Span<long> destination)
    {
        var data = _data;
        var pos = Position;
        long previous = 0;
        for (var i = 0; i < destination.Length; i++)
        {
            ulong raw;
            if (pos < data.Length && data[pos] < 0x80)
            {
                raw = data[pos];
                pos++;
            }
            else if (pos + 1 < data.Length && data[pos + 1] is > 0 and < 0x80)
            {
                raw = (uint)(data[pos] & 0x7F) | ((uint)data[pos + 1] << 7);
                pos += 2;
            }
            else
            {
                Position = pos;
                if (!VarUInt(field, out raw))
                {
                    return false;
                }

                pos = Position;
            }

            previous = unchecked(previous + ZigZag.Decode(raw));
            destination[i] = previous;
        }

        Position = pos;
        return true;
    }

    public bool VarInt(string field, out long value)
    {
        var ok = VarUInt(field, out var raw);
        value = ZigZag.Decode(raw);
        return ok;
    }
}
