using System.Globalization;
using System.Text;

namespace SensorChain.Edge.Hardware.Drivers.GlucoseMeter;

/// <summary>
/// ASTM E1381 (CLSI LIS01-A2) low-level frames, as glucose meters such as the Bayer/Ascensia Contour family send:
/// <c>STX FN text ETX C1 C2 CR LF</c> (ETB instead of ETX for an intermediate frame). FN is the frame number
/// '0'..'7'; C1 C2 is the sum of the bytes from FN through ETX/ETB modulo 256, as two uppercase hex digits.
/// </summary>
public static class AstmFrame
{
    public const byte Enq = 0x05;
    public const byte Ack = 0x06;
    public const byte Nak = 0x15;
    public const byte Eot = 0x04;
    public const byte Stx = 0x02;
    public const byte Etx = 0x03;
    public const byte Etb = 0x17;
    public const byte Cr = 0x0D;
    public const byte Lf = 0x0A;

    /// <summary>Encodes one frame around <paramref name="text"/> (an ASTM E1394 record ending in CR).</summary>
    public static byte[] Encode(int frameNumber, string text, bool final = true)
    {
        var body = Encoding.ASCII.GetBytes(text);
        var frame = new byte[body.Length + 7];
        frame[0] = Stx;
        frame[1] = (byte)('0' + (frameNumber & 7));
        body.CopyTo(frame, 2);
        frame[body.Length + 2] = final ? Etx : Etb;
        var checksum = Checksum(frame.AsSpan(1, body.Length + 2));
        var hex = checksum.ToString("X2", CultureInfo.InvariantCulture);
        frame[body.Length + 3] = (byte)hex[0];
        frame[body.Length + 4] = (byte)hex[1];
        frame[body.Length + 5] = Cr;
        frame[body.Length + 6] = Lf;
        return frame;
    }

    /// <summary>Sum modulo 256 of the bytes.</summary>
    public static byte Checksum(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var b in bytes)
        {
            sum += b;
        }

        return (byte)sum;
    }

    /// <summary>
    /// Validates a complete frame (STX through LF) and returns its record text, or null with <paramref name="error"/>.
    /// Never throws on malformed input.
    /// </summary>
    public static string? TryDecode(ReadOnlySpan<byte> frame, out string? error)
    {
        error = null;
        if (frame.Length < 7 || frame[0] != Stx || frame[^2] != Cr || frame[^1] != Lf)
        {
            error = "frame is not STX … CR LF";
            return null;
        }

        if (frame[1] is < (byte)'0' or > (byte)'7')
        {
            error = "frame number is not 0..7";
            return null;
        }

        var terminator = frame[^5];
        if (terminator is not (Etx or Etb))
        {
            error = "frame has no ETX/ETB before its checksum";
            return null;
        }

        var expected = Checksum(frame[1..^4]);
        if (!byte.TryParse(Encoding.ASCII.GetString(frame[^4..^2]), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var actual) || actual != expected)
        {
            error = $"checksum mismatch (expected {expected:X2})";
            return null;
        }

        return Encoding.ASCII.GetString(frame[2..^5]);
    }
}
