namespace SensorChain.Edge.Hardware.Kit;

/// <summary>AD8232 LO+/LO− state shared between the aux ADC (which reads it) and the ECG channel (which is flagged).</summary>
public sealed class LeadState
{
    private readonly TimedSeries _off = new();

    /// <summary>Records a lead-off reading (true = an electrode is off).</summary>
    public void Record(double unixMs, bool off) => _off.Add(unixMs, off ? 1 : 0);

    /// <summary>True when any reading in the window said an electrode was off.</summary>
    public bool OffIn(double startMs, double endMs) => _off.Raw(startMs, endMs).Exists(s => s.V > 0);
}
