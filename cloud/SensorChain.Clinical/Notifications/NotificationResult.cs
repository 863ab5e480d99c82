namespace SensorChain.Clinical.Notifications;

/// <summary>What became of one alarm change's notification.</summary>
public enum NotificationResult
{
    /// <summary>This kind of change is not notified, or it names no recipient.</summary>
    NotApplicable,
    /// <summary>The recipient has no contact details.</summary>
    NoContact,
    /// <summary>The consent check refused it: nothing was sent.</summary>
    Denied,
    /// <summary>Delivered on every channel of the recipient.</summary>
    Delivered,
    /// <summary>At least one channel failed every attempt (dead letter recorded).</summary>
    DeadLettered,
}
