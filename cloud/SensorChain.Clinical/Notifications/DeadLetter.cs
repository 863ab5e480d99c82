namespace SensorChain.Clinical.Notifications;

/// <summary>A notification that could not be delivered after every retry.</summary>
/// <param name="DeliveryId">The delivery's id (alarm, change sequence, recipient).</param>
/// <param name="Channel">Channel name.</param>
/// <param name="RecipientId">Roster id of the recipient.</param>
/// <param name="AlarmId">The alarm.</param>
/// <param name="Sequence">The alarm change's sequence number.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="LastError">The last attempt's error (no PHI: status codes and exception messages of the transport).</param>
/// <param name="FailedAt">When it was given up.</param>
public sealed record DeadLetter(string DeliveryId, string Channel, string RecipientId, Guid AlarmId, long Sequence, int Attempts, string LastError, DateTimeOffset FailedAt);
