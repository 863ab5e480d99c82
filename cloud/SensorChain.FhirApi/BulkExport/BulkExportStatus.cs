namespace SensorChain.FhirApi.BulkExport;

/// <summary>Where a bulk export job is.</summary>
public enum BulkExportStatus
{
    /// <summary>Writing files.</summary>
    Running,

    /// <summary>All files written; the manifest is available.</summary>
    Completed,

    /// <summary>Stopped by an error (see <see cref="BulkExportJob.Error"/>).</summary>
    Failed,
}
