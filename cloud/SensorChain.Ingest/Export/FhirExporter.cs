using System.Text;
using System.Text.Json;
using SensorChain.Fhir.Serialization;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;

namespace SensorChain.Ingest.Export;

/// <summary>Writes the current version of every stored resource as one FHIR Bundle (type collection) or as NDJSON.</summary>
public static class FhirExporter
{
    /// <summary>
    /// Streams a <c>collection</c> Bundle of every current resource (optionally of one type / changed since a time).
    /// <paramref name="baseUrl"/>, when given (e.g. <c>http://host/fhir</c>), sets each entry's fullUrl.
    /// Returns the number of resources written.
    /// </summary>
    public static async Task<long> WriteBundleAsync(IIngestStore store, Stream output, DateTimeOffset timestamp, CancellationToken cancellationToken,
        string? resourceType = null, DateTimeOffset? since = null, string? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("resourceType", "Bundle");
        writer.WriteString("type", "collection");
        writer.WriteString("timestamp", FhirDateTimeConverter.Format(timestamp));
        writer.WriteStartArray("entry");
        long count = 0;
        await foreach (var record in store.ExportAsync(resourceType, since, cancellationToken))
        {
            writer.WriteStartObject();
            if (baseUrl is not null)
            {
                writer.WriteString("fullUrl", $"{baseUrl.TrimEnd('/')}/{record.ResourceType}/{record.Id}");
            }

            writer.WritePropertyName("resource");
            FhirJson.Serialize(writer, FhirRecords.ToResource(record));
            writer.WriteEndObject();
            if (++count % 256 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>Writes one resource per line (FHIR Bulk Data NDJSON). Returns the number of resources written.</summary>
    public static async Task<long> WriteNdjsonAsync(IIngestStore store, Stream output, CancellationToken cancellationToken,
        string? resourceType = null, DateTimeOffset? since = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        long count = 0;
        var newline = "\n"u8.ToArray();
        await foreach (var record in store.ExportAsync(resourceType, since, cancellationToken))
        {
            var bytes = FhirJson.SerializeToUtf8Bytes(FhirRecords.ToResource(record));
            await output.WriteAsync(bytes, cancellationToken);
            await output.WriteAsync(newline, cancellationToken);
            count++;
        }

        await output.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>The UTF-8 encoding without BOM used for exports.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(false);
}
