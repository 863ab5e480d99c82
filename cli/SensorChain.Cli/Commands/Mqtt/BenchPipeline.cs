namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>What the benchmark's ingester process does with each message.</summary>
internal enum BenchPipeline
{
    /// <summary>The baseline: count the message by its position in the run, nothing else.</summary>
    Raw,

    /// <summary>Decode, check the topic, verify the signature, group-commit to SQLite, acknowledge after the commit.</summary>
    Verify,

    /// <summary>The product's cloud path: IngestService into SqliteIngestStore (FHIR mapping and JSON, one transaction per batch).</summary>
    Full,
}
