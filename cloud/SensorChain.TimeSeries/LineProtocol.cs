using System.Globalization;
using System.Text;

namespace SensorChain.TimeSeries;

/// <summary>
/// InfluxDB line protocol (1.x, also accepted by VictoriaMetrics):
/// <c>measurement[,tag=value…] field=value[,field=value…] timestamp</c>.
/// Measurements escape comma and space; tag keys, tag values and field keys escape comma, equals sign and space.
/// A line cannot carry a newline, so CR and LF in names are written as spaces (escaped); a trailing backslash (which
/// would escape the following separator) is written as '/'.
/// </summary>
public static class LineProtocol
{
    /// <summary>Appends an escaped measurement name.</summary>
    public static StringBuilder AppendMeasurement(StringBuilder builder, string measurement)
    {
        ArgumentException.ThrowIfNullOrEmpty(measurement);
        return Append(builder, measurement, escapeEquals: false);
    }

    /// <summary>Appends an escaped tag key, tag value or field key.</summary>
    public static StringBuilder AppendKey(StringBuilder builder, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Append(builder, key, escapeEquals: true);
    }

    /// <summary>Escapes a tag key, tag value or field key.</summary>
    public static string EscapeKey(string key) => AppendKey(new StringBuilder(key.Length + 4), key).ToString();

    /// <summary>Escapes a measurement name.</summary>
    public static string EscapeMeasurement(string measurement) => AppendMeasurement(new StringBuilder(measurement.Length + 4), measurement).ToString();

    /// <summary>Formats a float field value (round-trippable, invariant culture). Non-finite values are not representable.</summary>
    public static string FormatFloat(double value) =>
        double.IsFinite(value)
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Line protocol cannot carry NaN or infinity.");

    /// <summary>Formats one point. Tags are written sorted by key (what InfluxDB prefers); fields in the given order.</summary>
    public static string Format(string measurement, IReadOnlyList<KeyValuePair<string, string>> tags, IReadOnlyList<KeyValuePair<string, double>> fields, long timestamp)
    {
        if (fields.Count == 0)
        {
            throw new ArgumentException("A point needs at least one field.", nameof(fields));
        }

        var builder = new StringBuilder(64);
        AppendMeasurement(builder, measurement);
        foreach (var tag in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (tag.Value.Length == 0)
            {
                continue; // empty tag values are not allowed: omit the tag
            }

            AppendKey(builder.Append(','), tag.Key).Append('=');
            AppendKey(builder, tag.Value);
        }

        builder.Append(' ');
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            AppendKey(builder, fields[i].Key).Append('=').Append(FormatFloat(fields[i].Value));
        }

        return builder.Append(' ').Append(timestamp.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static StringBuilder Append(StringBuilder builder, string value, bool escapeEquals)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\' when i == value.Length - 1:
                    builder.Append('/'); // a trailing backslash would escape the following separator
                    break;
                case ',':
                case ' ':
                    builder.Append('\\').Append(c);
                    break;
                case '=' when escapeEquals:
                    builder.Append("\\=");
                    break;
                case '\n':
                case '\r':
                    builder.Append("\\ ");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder;
    }
}
