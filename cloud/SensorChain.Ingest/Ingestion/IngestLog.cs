using Microsoft.Extensions.Logging;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Ingestion;

/// <summary>Source-generated log messages of the ingester. Device ids are pseudonymous; no PHI is logged.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Rejected batch ({Reason}) device {Device} sequence {Sequence}: {Detail}")]
    public static partial void Rejected(ILogger logger, IngestRejectReason reason, DeviceId? device, ulong? sequence, string detail);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Accepted batch device {Device} sequence {Sequence} ({Observations} observations)")]
    public static partial void Accepted(ILogger logger, DeviceId device, ulong sequence, int observations);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Duplicate batch device {Device} sequence {Sequence} acknowledged")]
    public static partial void Duplicate(ILogger logger, DeviceId device, ulong sequence);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Gap: device {Device} sequence {Sequence} arrived after head {Head}; {Missing} sequence numbers missing")]
    public static partial void Gap(ILogger logger, DeviceId device, ulong sequence, ulong head, long missing);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Handler {Handler} failed for device {Device} sequence {Sequence}; the batch stays accepted")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, DeviceId device, ulong sequence);
}
