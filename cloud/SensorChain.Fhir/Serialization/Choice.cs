using System.Text.Json;

namespace SensorChain.Fhir.Serialization;

/// <summary>Checks FHIR choice elements (<c>value[x]</c>): at most one of the typed keys may be present.</summary>
public static class Choice
{
    /// <summary>Throws <see cref="JsonException"/> when more than one alternative of <paramref name="element"/> is set.</summary>
    public static void AtMostOne(string element, params ReadOnlySpan<object?> alternatives)
    {
        var count = 0;
        foreach (var alternative in alternatives)
        {
            if (alternative is not null)
            {
                count++;
            }
        }

        if (count > 1)
        {
            throw new JsonException($"Only one {element}[x] may be present, found {count}.");
        }
    }

    /// <summary>Throws when <paramref name="value"/> is missing for a required element.</summary>
    public static void Required(string element, object? value)
    {
        if (value is null)
        {
            throw new JsonException($"{element} is required.");
        }
    }
}
