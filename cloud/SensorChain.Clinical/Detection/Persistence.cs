namespace SensorChain.Clinical.Detection;

/// <summary>
/// Debounces a boolean criterion: it must hold for <c>raiseAfter</c> before the condition is raised and fail for
/// <c>clearAfter</c> before it is cleared, so one noisy sample neither raises nor clears an alarm.
/// </summary>
internal sealed class Persistence(TimeSpan raiseAfter, TimeSpan clearAfter)
{
    private long? _trueSince;
    private long? _falseSince;

    public bool Active { get; private set; }

    /// <summary>Feeds one evaluation; returns +1 when it just raised, −1 when it just cleared, else 0.</summary>
    public int Update(bool criterion, long atUnixMs)
    {
        if (criterion)
        {
            _falseSince = null;
            _trueSince ??= atUnixMs;
            if (!Active && atUnixMs - _trueSince.Value >= raiseAfter.TotalMilliseconds)
            {
                Active = true;
                return 1;
            }
        }
        else
        {
            _trueSince = null;
            _falseSince ??= atUnixMs;
            if (Active && atUnixMs - _falseSince.Value >= clearAfter.TotalMilliseconds)
            {
                Active = false;
                return -1;
            }
        }

        return 0;
    }
}
