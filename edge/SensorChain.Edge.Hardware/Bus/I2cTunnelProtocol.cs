using System.Buffers.Binary;

namespace SensorChain.Edge.Hardware.Bus;

/// <summary>
/// The framed protocol that carries I2C transactions over a stream (a Unix domain socket). All integers little-endian.
/// Request: u16 length N, then N bytes: u8 opcode (1 = transfer), u8 7-bit address, u16 write length W,
/// u16 read length R, W write bytes. Response: u16 length M, then M bytes: u8 status (0 ACK, 1 NACK,
/// 2 bad request), then R read bytes when the status is ACK. W and R are at most <see cref="MaxTransfer"/>.
/// </summary>
public static class I2cTunnelProtocol
{
    /// <summary>Largest write or read in one transaction.</summary>
    public const int MaxTransfer = 4096;

    /// <summary>Opcode of a combined write/read transfer.</summary>
    public const byte OpTransfer = 1;

    /// <summary>Size of the request header after the length prefix.</summary>
    public const int RequestHeader = 6;

    /// <summary>Status: acknowledged, data follows.</summary>
    public const byte StatusAck = 0;

    /// <summary>Status: address not acknowledged.</summary>
    public const byte StatusNack = 1;

    /// <summary>Status: the request could not be parsed.</summary>
    public const byte StatusBadRequest = 2;

    /// <summary>Writes a request frame into <paramref name="destination"/>; returns its length.</summary>
    public static int WriteRequest(Span<byte> destination, int address, ReadOnlySpan<byte> write, int readLength)
    {
        if (write.Length > MaxTransfer || readLength > MaxTransfer || readLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(readLength), "I2C transfers are limited to 4096 bytes.");
        }

        var payload = RequestHeader + write.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)payload);
        destination[2] = OpTransfer;
        destination[3] = (byte)address;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], (ushort)write.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)readLength);
        write.CopyTo(destination[8..]);
        return 2 + payload;
    }

    /// <summary>
    /// Parses a request payload (after the length prefix). Returns null and the reason on malformed input; never throws.
    /// </summary>
    public static string? TryParseRequest(ReadOnlySpan<byte> payload, out int address, out int writeOffset, out int writeLength, out int readLength)
    {
        address = writeOffset = writeLength = readLength = 0;
        if (payload.Length < RequestHeader)
        {
            return $"request of {payload.Length} bytes is shorter than the {RequestHeader}-byte header";
        }

        if (payload[0] != OpTransfer)
        {
            return $"unknown opcode {payload[0]}";
        }

        address = payload[1];
        if (address > 0x7F)
        {
            return $"address 0x{address:X2} is not a 7-bit address";
        }

        writeLength = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
        readLength = BinaryPrimitives.ReadUInt16LittleEndian(payload[4..]);
        if (writeLength > MaxTransfer || readLength > MaxTransfer)
        {
            return "transfer longer than 4096 bytes";
        }

        if (payload.Length != RequestHeader + writeLength)
        {
            return $"write length {writeLength} does not match the frame ({payload.Length - RequestHeader} bytes follow)";
        }

        writeOffset = RequestHeader;
        return null;
    }
}
