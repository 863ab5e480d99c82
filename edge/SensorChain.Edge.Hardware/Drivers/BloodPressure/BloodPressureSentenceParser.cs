using System.Globalization;

namespace SensorChain.Edge.Hardware.Drivers.BloodPressure;

/// <summary>
/// Parses the cuff's proprietary NMEA 0183 sentence <c>$PSCBP,sys,dia,map,pulse,status*hh</c> (mmHg, /min;
/// status 0 = valid measurement, non-zero = cuff error code such as 1 = cuff loose, 2 = motion, 3 = over-pressure).
/// </summary>
public static class BloodPressureSentenceParser
{
    /// <summary>Sentence identifier.</summary>
    public const string SentenceId = "PSCBP";

    /// <summary>Builds the sentence for a reading (used by the emulated cuff).</summary>
    public static string Format(BloodPressureReading reading, int status = 0) =>
        NmeaSentence.Encode(string.Create(CultureInfo.InvariantCulture, $"{SentenceId},{reading.Systolic},{reading.Diastolic},{reading.Mean},{reading.PulseRate},{status}"));

    /// <summary>True with a reading for a valid measurement; false with an error for a bad line or a cuff error. Never throws.</summary>
    public static bool TryParse(string line, out BloodPressureReading reading, out string? error)
    {
        reading = default;
        var fields = NmeaSentence.TryDecode(line, out error);
        if (fields is null)
        {
            return false;
        }

        if (fields[0] != SentenceId || fields.Length != 6)
        {
            error = $"not a {SentenceId} sentence with 5 fields";
            return false;
        }

        Span<int> values = stackalloc int[5];
        for (var i = 0; i < 5; i++)
        {
            if (!int.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] > 400)
            {
                error = $"field {i + 1} is not a number 0..400";
                return false;
            }
        }

        if (values[4] != 0)
        {
            error = $"cuff reported error {values[4]}";
            return false;
        }

        if (values[1] >= values[0] || values[0] < 40)
        {
            error = "diastolic not below systolic";
            return false;
        }

        reading = new BloodPressureReading(values[0], values[1], values[2], values[3]);
        return true;
    }
}
