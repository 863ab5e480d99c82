namespace SensorChain.FirmwareSim.Models;

/// <summary>
/// When spot readings happen, in ms after the run's start: at 0 and every <c>period</c>; when the scenario changes
/// the reading, every <c>frequent</c> ms from the onset instead (so a 60-s run shows the change).
/// </summary>
internal readonly record struct SpotSchedule(long PeriodMs, long OnsetMs, long FrequentMs, bool Frequent)
{
    /// <summary>Reading times in [fromMs, toMs), relative to the run's start.</summary>
    public void Fill(long fromMs, long toMs, List<long> times)
    {
        times.Clear();
        var from = Math.Max(0, fromMs);
        if (from >= toMs)
        {
            return;
        }

        var regularEnd = Frequent ? Math.Min(toMs, OnsetMs) : toMs;
        for (var t = CeilToMultiple(from, PeriodMs); t < regularEnd; t += PeriodMs)
        {
            times.Add(t);
        }

        if (Frequent && toMs > OnsetMs)
        {
            var start = Math.Max(from, OnsetMs);
            for (var t = OnsetMs + CeilToMultiple(start - OnsetMs, FrequentMs); t < toMs; t += FrequentMs)
            {
                times.Add(t);
            }
        }
    }

    private static long CeilToMultiple(long value, long step) => (value + step - 1) / step * step;
}
