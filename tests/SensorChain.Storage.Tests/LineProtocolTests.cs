using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SensorChain.TimeSeries;

namespace SensorChain.Storage.Tests;

public sealed class LineProtocolTests
{
    [Fact]
    public void Tag_values_escape_commas_equals_and_spaces()
    {
        var line = LineProtocol.Format(
            "vitals",
            [new("patient", "a b,c=d")],
            [new("heart_rate", 72.5)],
            1_700_000_000_000);
        Assert.Equal(@"vitals,patient=a\ b\,c\=d heart_rate=72.5 1700000000000", line);
    }

    [Fact]
    public void Measurement_does_not_escape_equals_but_escapes_comma_and_space()
    {
        Assert.Equal(@"a\,b\ c=d", LineProtocol.EscapeMeasurement("a,b c=d"));
    }

    [Fact]
    public void Non_finite_values_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LineProtocol.FormatFloat(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => LineProtocol.FormatFloat(double.PositiveInfinity));
    }

    [Fact]
    public void Escaped_keys_round_trip_through_a_line_protocol_reader()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), s =>
        {
            var key = s.Get.Replace('\n', 'x').Replace('\r', 'x').TrimEnd('\\');
            if (key.Length == 0)
            {
                return true;
            }

            var escaped = LineProtocol.EscapeKey(key);
            return Unescape(escaped) == key && !HasUnescaped(escaped, ' ', ',', '=');
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Escaped_keys_never_contain_a_line_break()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), s =>
        {
            var escaped = LineProtocol.EscapeKey(s.Get);
            return !escaped.Contains('\n', StringComparison.Ordinal) && !escaped.Contains('\r', StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Formatted_points_split_into_exactly_three_sections()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), ArbMap.Default.ArbFor<NormalFloat>(), (tag, value) =>
        {
            var line = LineProtocol.Format("vitals", [new("patient", tag.Get)], [new("spo2", value.Get)], 5);
            var sections = SplitUnescaped(line, ' ');
            var tags = SplitUnescaped(sections[0], ',');
            return sections.Count == 3 && tags.Count == 2 && sections[2] == "5"
                && (tags[1] == "patient=" + LineProtocol.EscapeKey(tag.Get))
                && double.Parse(sections[1]["spo2=".Length..], System.Globalization.CultureInfo.InvariantCulture).Equals(value.Get);
        }).QuickCheckThrowOnFailure();
    }

    private static string Unescape(string escaped)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 1 < escaped.Length && escaped[i + 1] is ' ' or ',' or '=')
            {
                i++;
            }

            builder.Append(escaped[i]);
        }

        return builder.ToString();
    }

    private static bool HasUnescaped(string escaped, params char[] special)
    {
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 1 < escaped.Length && escaped[i + 1] is ' ' or ',' or '=')
            {
                i++;
                continue;
            }

            if (special.Contains(escaped[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> SplitUnescaped(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is ' ' or ',' or '=')
            {
                i++;
                continue;
            }

            if (text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }
}
