using SensorChain.Clinical.Alarms;

namespace SensorChain.Clinical.Notifications;

/// <summary>One message about one alarm change to one clinician.</summary>
/// <param name="Change">The alarm change.</param>
/// <param name="Recipient">Who gets it.</param>
/// <param name="Link">Dashboard link to the alarm (the place to see patient and values after signing in).</param>
public sealed record AlarmNotification(AlarmChange Change, ClinicianContact Recipient, Uri Link)
{
    /// <summary>Stable id of this delivery (idempotency key for receivers): alarm, change sequence and recipient.</summary>
    public string DeliveryId => $"{Change.AlarmId:N}-{Change.Sequence}-{Recipient.Id}";
}
