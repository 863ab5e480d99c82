using System.Globalization;

namespace SensorChain.Edge.Hardware.Drivers.GlucoseMeter;

/// <summary>
/// Parses ASTM E1394 result records as the Contour meters send them, e.g.
/// <c>R|1|^^^Glucose|105|mg/dL^P||||202611220420</c>: field 3 is the universal test ID, field 4 the value,
/// field 5 the unit (mg/dL, or mmol/L converted with 18.016 mg/dL per mmol/L). H, P, O and L records are ignored.
/// </summary>
public static class GlucoseRecordParser
{
    /// <summary>
    /// Returns true with a reading for a glucose R record, false for other records. Returns false with
    /// <paramref name="error"/> set when an R record is malformed. Never throws.
    /// </summary>
    public static bool TryParse(string record, out GlucoseReading reading, out string? error)
    {
        reading = default;
        error = null;
        var text = record.TrimEnd('\r', '\n');
        if (!text.StartsWith("R|", StringComparison.Ordinal))
        {
            return false;
        }

        var fields = text.Split('|');
        if (fields.Length < 5)
        {
            error = "result record has fewer than 5 fields";
            return false;
        }

        if (!fields[2].Contains("Glucose", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            error = "result value is not a number";
            return false;
        }

        var unit = fields[4].Split('^')[0];
        var mgPerDl = unit switch
        {
            "mg/dL" => value,
            "mmol/L" => value * 18.016,
            _ => double.NaN,
        };
        if (double.IsNaN(mgPerDl) || mgPerDl is < 10 or > 700)
        {
            error = double.IsNaN(mgPerDl) ? $"unknown unit '{unit}'" : "glucose outside the meter's 10..700 mg/dL range";
            return false;
        }

        reading = new GlucoseReading(mgPerDl);
        return true;
    }
}
