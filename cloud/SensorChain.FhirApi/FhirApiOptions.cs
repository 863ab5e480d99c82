namespace SensorChain.FhirApi;

/// <summary>Settings of the FHIR API.</summary>
public sealed class FhirApiOptions
{
    /// <summary>Route prefix (default <c>/fhir</c>).</summary>
    public string BasePath { get; set; } = "/fhir";

    /// <summary>Page size when <c>_count</c> is absent.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest <c>_count</c> honoured (larger values are reduced to it, as the specification allows).</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Unknown search parameters: true rejects them (400) unless <c>Prefer: handling=lenient</c>; false ignores them unless <c>Prefer: handling=strict</c>.</summary>
    public bool StrictByDefault { get; set; }

    /// <summary>Largest request body accepted (create, Subscription); larger bodies get 413 and are not read. Default 1 MiB.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Folder for bulk export files (a fresh folder under the system temp folder when null).</summary>
    public string? ExportDirectory { get; set; }
}
