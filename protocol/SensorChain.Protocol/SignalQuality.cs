namespace SensorChain.Protocol;

/// <summary>Per-channel signal-quality flags carried in every batch (one byte on the wire).</summary>
[Flags]
public enum SignalQuality : byte
{
    /// <summary>The channel was read normally.</summary>
    Good = 0,
    /// <summary>ECG electrode(s) off the skin (e.g. AD8232 LO+/LO-).</summary>
    LeadOff = 1,
    /// <summary>Sensor not on the body: finger off the PPG sensor, patch detached.</summary>
    Detached = 2,
    /// <summary>Values clipped at the converter's range.</summary>
    Saturated = 4,
    /// <summary>Patient motion strong enough to corrupt the signal.</summary>
    Motion = 8,
    /// <summary>The same raw value repeated longer than physiology allows.</summary>
    Stuck = 16,
    /// <summary>The device did not answer (unplugged, bus NACK, timeout).</summary>
    DeviceFault = 32,
    /// <summary>A frame from the device failed its checksum or could not be parsed.</summary>
    ParseError = 64,
    /// <summary>Samples in this window are missing or were interpolated.</summary>
    Incomplete = 128,
}
