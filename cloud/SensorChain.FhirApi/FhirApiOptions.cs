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

    /// <summary>Rest-hook delivery attempts before a Subscription goes to status <c>error</c> (default 5).</summary>
    public int SubscriptionMaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first rest-hook retry; it doubles on each further retry (default 1 s).</summary>
    public TimeSpan SubscriptionRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Clock of the retry delays (null: the host's TimeProvider).</summary>
    public TimeProvider? SubscriptionRetryClock { get; set; }

    /// <summary>Notifications queued per Subscription before the oldest are dropped (delivery never blocks ingest).</summary>
    public int SubscriptionQueueLimit { get; set; } = 10_000;
}
