using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;

namespace SensorChain.FhirApi;

/// <summary>A typed endpoint result: a FHIR resource as <c>application/fhir+json</c> with status and headers (ETag, Location …).</summary>
public sealed class FhirResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a result.</summary>
    public FhirResult(Resource resource, int statusCode = StatusCodes.Status200OK)
    {
        Resource = resource;
        StatusCode = statusCode;
    }

    /// <summary>The resource written as the body.</summary>
    public Resource Resource { get; }

    /// <inheritdoc />
    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc />
    public string ContentType => FhirJson.MediaType + "; charset=utf-8";

    /// <summary>Extra response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers;

    /// <summary>An OperationOutcome result.</summary>
    public static FhirResult Outcome(int statusCode, string code, string diagnostics, string? expression = null, string severity = "error") =>
        new(OperationOutcome.Single(severity, code, diagnostics, expression), statusCode);

    /// <summary>Adds a response header.</summary>
    public FhirResult WithHeader(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType;
        foreach (var (name, value) in _headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        await FhirJson.SerializeAsync(httpContext.Response.Body, Resource, httpContext.RequestAborted);
    }
}
