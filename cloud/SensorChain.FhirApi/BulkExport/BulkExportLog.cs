using Microsoft.Extensions.Logging;

namespace SensorChain.FhirApi.BulkExport;

/// <summary>Log messages of bulk export (ids and counts only, never resource content).</summary>
internal static partial class BulkExportLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Bulk export {JobId} finished: {Count} resources in {Files} files, {Withheld} withheld")]
    public static partial void Finished(ILogger logger, string jobId, long count, int files, long withheld);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Bulk export {JobId} failed")]
    public static partial void Failed(ILogger logger, string jobId, Exception exception);
}
