using Microsoft.Extensions.Logging;

namespace SensorChain.Edge.Gateway;

/// <summary>The gateway's log messages. Only the pseudonymous device id and counters: never sample values.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Gateway {Device} started at sequence {Sequence} with {Pending} batches pending")]
    public static partial void Started(ILogger logger, string device, ulong sequence, long pending);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Publishing for {Device} failed, retrying in {DelayMs} ms: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string device, long delayMs, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Acquisition for {Device} failed for the window at {WindowStart}; the window is skipped")]
    public static partial void AcquisitionFailed(ILogger logger, string device, long windowStart, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Gateway {Device} stopped: {Signed} signed, {Acknowledged} acknowledged")]
    public static partial void Stopped(ILogger logger, string device, long signed, long acknowledged);
}
