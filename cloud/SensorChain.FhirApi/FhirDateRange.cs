using System.Globalization;

namespace SensorChain.FhirApi;

/// <summary>A FHIR date search value with its prefix and the range its precision implies: [Start, End).</summary>
/// <param name="Prefix">eq | ge | le | gt | lt.</param>
/// <param name="Start">First instant of the value's range.</param>
/// <param name="End">First instant after the value's range.</param>
internal sealed record FhirDateRange(string Prefix, DateTimeOffset Start, DateTimeOffset End)
{
    private static readonly string[] Prefixes = ["eq", "ge", "le", "gt", "lt"];

    public static bool TryParse(string text, out FhirDateRange? range, out string? error)
    {
        range = null;
        error = null;
        var prefix = "eq";
        var value = text;
        if (text.Length > 2 && char.IsLetter(text[0]) && char.IsLetter(text[1]))
        {
            prefix = text[..2];
            value = text[2..];
            if (!Prefixes.Contains(prefix))
            {
                error = $"prefix '{prefix}' is not supported (use eq, ge, le, gt or lt)";
                return false;
            }
        }

        const DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        switch (value.Length)
        {
            case 4 when DateTime.TryParseExact(value, "yyyy", CultureInfo.InvariantCulture, styles, out var y):
                range = new FhirDateRange(prefix, Utc(y), Utc(y.AddYears(1)));
                return true;
            case 7 when DateTime.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, styles, out var m):
                range = new FhirDateRange(prefix, Utc(m), Utc(m.AddMonths(1)));
                return true;
            case 10 when DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out var d):
                range = new FhirDateRange(prefix, Utc(d), Utc(d.AddDays(1)));
                return true;
        }

        if (value.Length > 10 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            var precision = value.Contains('.', StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(1)
                : value.Count(c => c == ':') >= 2 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1);
            range = new FhirDateRange(prefix, instant.ToUniversalTime(), instant.ToUniversalTime() + precision);
            return true;
        }

        error = $"'{value}' is not a FHIR date or dateTime (e.g. 2026-01-01 or 2026-01-01T08:00:00Z)";
        return false;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
