using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SensorChain.Fhir.Serialization;

/// <summary>Reads and writes FHIR JSON through the source-generated <see cref="FhirJsonContext"/>.</summary>
public static class FhirJson
{
    /// <summary>The FHIR JSON media type.</summary>
    public const string MediaType = "application/fhir+json";

    /// <summary>Serializes a resource (with its <c>resourceType</c>).</summary>
    public static string Serialize(Resource resource) =>
        JsonSerializer.Serialize(resource, FhirJsonContext.Default.Resource);

    /// <summary>Serializes a resource to UTF-8.</summary>
    public static byte[] SerializeToUtf8Bytes(Resource resource) =>
        JsonSerializer.SerializeToUtf8Bytes(resource, FhirJsonContext.Default.Resource);

    /// <summary>Writes a resource to a stream.</summary>
    public static Task SerializeAsync(Stream stream, Resource resource, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, resource, FhirJsonContext.Default.Resource, cancellationToken);

    /// <summary>Writes a resource to a JSON writer.</summary>
    public static void Serialize(Utf8JsonWriter writer, Resource resource) =>
        JsonSerializer.Serialize(writer, resource, FhirJsonContext.Default.Resource);

    /// <summary>Parses a resource of type <typeparamref name="T"/> or throws <see cref="JsonException"/>.</summary>
    public static T Deserialize<T>(string json)
        where T : Resource =>
        TryDeserialize(json, out var resource, out var error)
            ? resource as T ?? throw new JsonException($"Expected a {typeof(T).Name}, got a {resource.ResourceType}.")
            : throw new JsonException(error);

    /// <summary>Parses any supported resource without throwing; <paramref name="error"/> says what was wrong.</summary>
    public static bool TryDeserialize(string json, [NotNullWhen(true)] out Resource? resource, [NotNullWhen(false)] out string? error) =>
        TryDeserialize(System.Text.Encoding.UTF8.GetBytes(json), out resource, out error);

    /// <summary>Parses any supported resource from UTF-8 without throwing.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out Resource? resource, [NotNullWhen(false)] out string? error)
    {
        resource = null;
        try
        {
            resource = JsonSerializer.Deserialize(utf8Json, FhirJsonContext.Default.Resource);
            if (resource is null)
            {
                error = "The body is JSON null, not a resource.";
                return false;
            }

            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = ex.Path is null ? ex.Message : $"{ex.Message}";
            return false;
        }
        catch (NotSupportedException ex)
        {
            error = "resourceType is missing or not supported: " + ex.Message;
            return false;
        }
        catch (InvalidOperationException ex)
        {
            error = ex.Message;
            return false;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
        catch (OverflowException ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
