using SensorChain.Protocol;

namespace SensorChain.Storage.Postgres;

/// <summary>Conversions between the storage records and PostgreSQL column values.</summary>
internal static class PgValues
{
    /// <summary>Separator for lists passed through a single text value (never valid in a FHIR token).</summary>
    public const char ListSeparator = '\u001f';

    /// <summary>UTC, truncated to the millisecond (the store keeps times to the millisecond).</summary>
    public static DateTime Utc(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    public static DateTimeOffset FromUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>Truncated to the millisecond, in UTC.</summary>
    public static DateTimeOffset Ms(DateTimeOffset value) => new(Utc(value));

    public static long Sequence(ulong sequence) =>
        sequence <= long.MaxValue ? (long)sequence : throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequence numbers above 2^63-1 cannot be stored.");

    public static string Join(IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            if (value.Contains(ListSeparator, StringComparison.Ordinal))
            {
                throw new ArgumentException("A code or category contains the control character U+001F.", nameof(values));
            }
        }

        return string.Join(ListSeparator, values);
    }

    public static DeviceId Device(byte[] bytes) => DeviceId.FromBytes(bytes);

    /// <summary>First instant of the UTC month containing <paramref name="value"/>.</summary>
    public static DateTime MonthStart(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
    }
}
