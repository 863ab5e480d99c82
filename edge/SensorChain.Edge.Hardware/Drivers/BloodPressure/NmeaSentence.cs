using System.Globalization;
using System.Text;

namespace SensorChain.Edge.Hardware.Drivers.BloodPressure;

/// <summary>
/// NMEA 0183 sentence framing: <c>$</c>, comma-separated fields, <c>*</c>, two hex digits of the XOR of every
/// character between <c>$</c> and <c>*</c>, CR LF.
/// </summary>
public static class NmeaSentence
{
    /// <summary>Frames the body (without $ and checksum).</summary>
    public static string Encode(string body) =>
        string.Create(CultureInfo.InvariantCulture, $"${body}*{Checksum(body):X2}\r\n");

    /// <summary>XOR of the characters.</summary>
    public static byte Checksum(string body)
    {
        byte sum = 0;
        foreach (var c in body)
        {
            sum ^= (byte)c;
        }

        return sum;
    }

    /// <summary>Checks framing and checksum of a line (without CR LF); returns the fields or null with an error. Never throws.</summary>
    public static string[]? TryDecode(string line, out string? error)
    {
        error = null;
        var star = line.LastIndexOf('*');
        if (line.Length < 4 || line[0] != '$' || star < 1 || star != line.Length - 3)
        {
            error = "sentence is not $…*hh";
            return null;
        }

        var body = line[1..star];
        if (!byte.TryParse(line.AsSpan(star + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var actual))
        {
            error = "checksum is not two hex digits";
            return null;
        }

        var expected = Checksum(body);
        if (actual != expected)
        {
            error = $"checksum mismatch (expected {expected:X2})";
            return null;
        }

        foreach (var c in body)
        {
            if (c is < ' ' or > '~')
            {
                error = "sentence contains non-printable characters";
                return null;
            }
        }

        return body.Split(',');
    }

    /// <summary>ASCII bytes of a sentence.</summary>
    public static byte[] Bytes(string sentence) => Encoding.ASCII.GetBytes(sentence);
}
