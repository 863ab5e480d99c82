using Microsoft.Extensions.Logging;

namespace SensorChain.FhirApi.Subscriptions;

/// <summary>Log messages of subscription delivery (ids and counts only, never resource content).</summary>
internal static partial class SubscriptionLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Subscription {SubscriptionId}: rest-hook attempt {Attempt} failed ({Reason})")]
    public static partial void AttemptFailed(ILogger logger, string subscriptionId, int attempt, string reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "Subscription {SubscriptionId} set to error: {Error}")]
    public static partial void SetToError(ILogger logger, string subscriptionId, string error);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Subscription {SubscriptionId}: notification suppressed, no consent for the owner")]
    public static partial void Suppressed(ILogger logger, string subscriptionId);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "Subscription {SubscriptionId}: queue full, oldest notification dropped")]
    public static partial void Dropped(ILogger logger, string subscriptionId);
}
