namespace SensorChain.Cli.Hosting;

/// <summary>How to compose the cloud: where its data lives and where it listens.</summary>
internal sealed record CloudHostOptions
{
    /// <summary>Folder of the embedded stores (cloud.db, ledger, web).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Folder of the ingest store (cloud.db) when it differs from <see cref="DataDirectory"/>, e.g. one store shared by several ingester processes on a host.</summary>
    public string? StoreDirectory { get; init; }

    /// <summary>PostgreSQL connection string of the ingest store (null: SQLite in <see cref="StoreDirectory"/> or <see cref="DataDirectory"/>).</summary>
    public string? PostgresConnection { get; init; }

    /// <summary>URLs Kestrel listens on, e.g. http://127.0.0.1:5080.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Lowest level of log messages written to the console.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>InfluxDB 1.x / VictoriaMetrics base URL for derived numerics (null: no time-series sink).</summary>
    public Uri? InfluxUri { get; init; }

    /// <summary>Who gets alarm notifications by e-mail and webhook (null: the dashboard only).</summary>
    public SensorChain.Clinical.Notifications.NotificationOptions? Notifications { get; init; }
}
