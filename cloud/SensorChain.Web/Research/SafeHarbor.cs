using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SensorChain.Web.Research;

/// <summary>
/// HIPAA Safe Harbor de-identification of FHIR JSON: identifiers, narrative, free text, device and practitioner links
/// removed; patient and resource ids replaced by keyed-hash pseudonyms; every full date shifted by a per-patient keyed
/// offset (1 to 365 days back); birth dates reduced to the year, ages over 89 grouped as 90+.
/// </summary>
public sealed partial class SafeHarbor(byte[] key)
{
    /// <summary>Elements removed wherever they occur.</summary>
    private static readonly HashSet<string> Removed = new(StringComparer.Ordinal)
    {
        "meta", "text", "identifier", "name", "telecom", "address", "photo", "contact", "link", "generalPractitioner", "managingOrganization",
        "performer", "device", "note", "comment", "contained", "extension", "modifierExtension", "specimen", "encounter", "basedOn", "partOf",
        "derivedFrom", "valueString", "focus", "issued",
    };

    /// <summary>The pseudonym of a resource id.</summary>
    public string Pseudonym(string resourceType, string id) =>
        resourceType[0..1].ToLowerInvariant() + "-" + Convert.ToHexStringLower(Mac(resourceType + "|" + id))[..24];

    /// <summary>The patient's date shift (negative, whole days).</summary>
    public TimeSpan ShiftOf(string patientId) =>
        TimeSpan.FromDays(-(1 + (int)(BitConverter.ToUInt32(Mac("shift|" + patientId), 0) % 365)));

    /// <summary>A de-identified Patient: pseudonymous id, gender, birth year or the 90+ group.</summary>
    public JsonObject Patient(string patientId, string? gender, DateOnly? birthDate, DateOnly today)
    {
        var patient = new JsonObject
        {
            ["resourceType"] = "Patient",
            ["id"] = Pseudonym("Patient", patientId),
            ["meta"] = new JsonObject { ["security"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", ["code"] = "PSEUDED" }) },
        };
        if (gender is not null)
        {
            patient["gender"] = gender;
        }

        if (birthDate is { } born)
        {
            var age = today.Year - born.Year - (today < born.AddYears(today.Year - born.Year) ? 1 : 0);
            if (age > 89)
            {
                patient["extension"] = new JsonArray(new JsonObject
                {
                    ["url"] = "https://sensorchain.example/fhir/StructureDefinition/age-group",
                    ["valueString"] = "90+",
                });
            }
            else
            {
                patient["birthDate"] = born.Year.ToString("D4", CultureInfo.InvariantCulture);
            }
        }

        return patient;
    }

    /// <summary>A de-identified copy of an Observation (or another clinical resource) of <paramref name="patientId"/>.</summary>
    public JsonObject Resource(JsonObject resource, string patientId)
    {
        var copy = (JsonObject)resource.DeepClone();
        var type = copy["resourceType"]?.GetValue<string>() ?? "Resource";
        var id = copy["id"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
        Scrub(copy, patientId, ShiftOf(patientId));
        copy["id"] = Pseudonym(type, id);
        copy["meta"] = new JsonObject { ["security"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", ["code"] = "PSEUDED" }) };
        return copy;
    }

    private void Scrub(JsonNode node, string patientId, TimeSpan shift)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (Removed.Contains(name))
                    {
                        obj.Remove(name);
                        continue;
                    }

                    var child = obj[name];
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (name == "reference")
                        {
                            var mapped = MapReference(text, patientId);
                            if (mapped is null)
                            {
                                obj.Remove(name);
                            }
                            else
                            {
                                obj[name] = mapped;
                            }
                        }
                        else if (name is "display" && obj.ContainsKey("reference"))
                        {
                            obj.Remove(name);
                        }
                        else if (ShiftDate(text, shift) is { } shifted)
                        {
                            obj[name] = shifted;
                        }
                    }
                    else if (child is not null)
                    {
                        Scrub(child, patientId, shift);
                    }
                }

                break;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text) && ShiftDate(text, shift) is { } shifted)
                    {
                        array[i] = shifted;
                    }
                    else if (array[i] is { } child)
                    {
                        Scrub(child, patientId, shift);
                    }
                }

                break;
        }
    }

    private string? MapReference(string reference, string patientId)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var type = reference[..slash];
        var id = reference[(slash + 1)..];
        return type switch
        {
            "Patient" => "Patient/" + Pseudonym("Patient", id == patientId ? patientId : id),
            "Observation" => "Observation/" + Pseudonym("Observation", id),
            _ => null,
        };
    }

    /// <summary>Shifts a FHIR date or dateTime with at least a full date; null when <paramref name="text"/> is not one.</summary>
    internal static string? ShiftDate(string text, TimeSpan shift)
    {
        if (!FullDate().IsMatch(text))
        {
            return null;
        }

        if (text.Length == 10)
        {
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date.AddDays((int)shift.TotalDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return null;
        }

        var shifted = instant + shift;
        return shifted.ToString(text.Contains('.', StringComparison.Ordinal) ? "yyyy-MM-dd'T'HH:mm:ss.fffzzz" : "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            .Replace("+00:00", "Z", StringComparison.Ordinal);
    }

    private byte[] Mac(string value) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FullDate();
}
