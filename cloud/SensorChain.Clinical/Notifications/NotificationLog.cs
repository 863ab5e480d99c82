using Microsoft.Extensions.Logging;

namespace SensorChain.Clinical.Notifications;

/// <summary>Log messages of the notifier (ids only, never patient data).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Notification {Delivery} not sent: consent denied for recipient {Recipient}")]
    public static partial void Denied(ILogger logger, string delivery, string recipient);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Notification {Delivery} via {Channel} attempt {Attempt} failed: {Error}")]
    public static partial void AttemptFailed(ILogger logger, string delivery, string channel, int attempt, string error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Notification {Delivery} via {Channel} dead-lettered after {Attempts} attempts")]
    public static partial void DeadLettered(ILogger logger, string delivery, string channel, int attempts);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Roster id {Recipient} has no contact details: alarm change {Sequence} not sent")]
    public static partial void NoContact(ILogger logger, string recipient, long sequence);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Notification {Delivery} delivered via {Channel} on attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, string delivery, string channel, int attempt);
}
