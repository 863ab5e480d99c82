using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SensorChain.Fhir.Serialization;

/// <summary>
/// FHIR <c>instant</c>/<c>dateTime</c>: written in UTC with milliseconds (<c>2026-01-01T08:00:00.250Z</c>);
/// read from any FHIR dateTime form, partial dates (<c>2026</c>, <c>2026-01</c>, <c>2026-01-01</c>) as their first instant in UTC.
/// </summary>
public sealed class FhirDateTimeConverter : JsonConverter<DateTimeOffset>
{
    private static readonly string[] PartialFormats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A FHIR dateTime must be a JSON string.");
        }

        var text = reader.GetString()!;
        return TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not a FHIR dateTime.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>The FHIR text of an instant.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a FHIR dateTime (full or partial).</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Length <= 10)
        {
            if (DateTime.TryParseExact(text, PartialFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var partial))
            {
                value = new DateTimeOffset(partial, TimeSpan.Zero);
                return true;
            }

            return false;
        }

        // A full dateTime must carry a zone (FHIR requires it when a time is given).
        if (!(text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 18))
        {
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
