using Microsoft.Extensions.Logging;

namespace SensorChain.Transport.Mqtt;

/// <summary>Source-generated log messages. Client ids and device ids are pseudonymous; no PHI is logged.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(1, LogLevel.Information, "MQTT client {ClientId} connected to {Host}:{Port} (session present: {SessionPresent})")]
    public static partial void Connected(ILogger logger, string clientId, string host, int port, bool sessionPresent);

    [LoggerMessage(2, LogLevel.Warning, "MQTT client {ClientId}: {Problem}")]
    public static partial void ConnectionProblem(ILogger logger, string clientId, string problem);

    [LoggerMessage(3, LogLevel.Error, "MQTT {Callback} callback failed; the exception was not passed to native code")]
    public static partial void CallbackFailed(ILogger logger, string callback, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "MQTT client {ClientId}: network thread did not stop within 5 s; native client leaked")]
    public static partial void NetworkThreadStuck(ILogger logger, string clientId);

    [LoggerMessage(5, LogLevel.Error, "MQTT client {ClientId}: network thread failed")]
    public static partial void NetworkThreadFailed(ILogger logger, string clientId, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Broker refused publish {Mid}: {Reason}")]
    public static partial void PublishRefused(ILogger logger, int mid, string reason);

    [LoggerMessage(7, LogLevel.Information, "Clock offset to the cloud measured: {OffsetMs} ms (cloud minus gateway)")]
    public static partial void ClockOffset(ILogger logger, long offsetMs);

    [LoggerMessage(8, LogLevel.Error, "Handler failed for a batch on {Topic}; connection aborted so the broker redelivers it")]
    public static partial void HandlerFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Ignored a message on unexpected topic {Topic}")]
    public static partial void UnexpectedTopic(ILogger logger, string topic);

    [LoggerMessage(10, LogLevel.Warning, "Ingester slot {Slot} stayed offline for {OfflineMs} ms: {Host} takes its session over and drains it")]
    public static partial void SlotTakenOver(ILogger logger, string slot, string host, long offlineMs);

    [LoggerMessage(11, LogLevel.Information, "Ingester slot {Slot} released by {Host}: {Why}")]
    public static partial void SlotReleased(ILogger logger, string slot, string host, string why);

    [LoggerMessage(12, LogLevel.Error, "Slot takeover check failed")]
    public static partial void TakeoverFailed(ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Information, "Clock offset of device {DeviceId}: {OffsetMs} ms (cloud receive minus gateway send, upper bound)")]
    public static partial void DeviceClockOffset(ILogger logger, string deviceId, long offsetMs);
}
