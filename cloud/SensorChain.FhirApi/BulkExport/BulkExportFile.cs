namespace SensorChain.FhirApi.BulkExport;

/// <summary>One NDJSON output file of an export.</summary>
/// <param name="ResourceType">The type of every line.</param>
/// <param name="Name">File name, as used in the download URL.</param>
/// <param name="Path">Where it is on disk.</param>
/// <param name="Count">Resources written.</param>
public sealed record BulkExportFile(string ResourceType, string Name, string Path, long Count);
