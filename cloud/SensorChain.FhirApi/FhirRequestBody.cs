using Microsoft.AspNetCore.Http;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;

namespace SensorChain.FhirApi;

/// <summary>Reads a FHIR JSON request body with a size limit; every failure is an OperationOutcome naming what was wrong.</summary>
internal static class FhirRequestBody
{
    /// <summary>Reads and parses the body as a <typeparamref name="T"/>; returns null and the error result on bad input.</summary>
    public static async Task<(T? Resource, FhirResult? Error)> ReadAsync<T>(HttpRequest request, FhirApiOptions options, CancellationToken ct)
        where T : Resource
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not (FhirJson.MediaType or "application/json"))
        {
            return (null, FhirResult.Outcome(StatusCodes.Status415UnsupportedMediaType, "not-supported",
                $"Content-Type '{request.ContentType}' is not supported (send {FhirJson.MediaType})."));
        }

        var limit = options.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status400BadRequest, "required", "The request body is empty (a FHIR resource in JSON is required)."));
        }

        if (!FhirJson.TryDeserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), out var resource, out var error))
        {
            return (null, error.Contains("discriminator", StringComparison.Ordinal)
                ? FhirResult.Outcome(StatusCodes.Status400BadRequest, "not-supported", $"resourceType is missing or not supported by this server ({error}).", "resourceType")
                : FhirResult.Outcome(StatusCodes.Status400BadRequest, "structure", $"The body is not valid FHIR JSON: {error}"));
        }

        if (resource is not T typed)
        {
            return (null, FhirResult.Outcome(StatusCodes.Status400BadRequest, "invalid",
                $"The body is a {resource.ResourceType}, but this endpoint takes a {typeof(T).Name}.", "resourceType"));
        }

        return (typed, null);
    }

    private static FhirResult TooLarge(int limit) =>
        FhirResult.Outcome(StatusCodes.Status413PayloadTooLarge, "too-costly", $"The request body is larger than the limit of {limit} bytes.");
}
