namespace SensorChain.Edge.Hardware.Kit;

/// <summary>
/// Transfer functions of the analog boards wired to the ADS1115 inputs (documented in docs/hardware.md).
/// The emulator uses the same constants to turn physiology into volts.
/// </summary>
public static class AnalogFrontEnds
{
    /// <summary>AD8232 heart-rate-monitor configuration: total gain 100 V/V.</summary>
    public const double Ad8232Gain = 100;

    /// <summary>AD8232 reference (REFOUT) at mid-supply of 3.3 V.</summary>
    public const double Ad8232ReferenceVolts = 1.65;

    /// <summary>Supply rail; LO+ / LO− read near this when an electrode is off.</summary>
    public const double SupplyVolts = 3.3;

    /// <summary>GSR board (constant-voltage excitation, transimpedance): volts per microsiemens.</summary>
    public const double GsrVoltsPerMicrosiemens = 0.1;

    /// <summary>EMG envelope board (MyoWare-style rectified, integrated output): volts per millivolt at the electrodes.</summary>
    public const double EmgVoltsPerMillivolt = 1.0;

    /// <summary>ECG in mV from AD8232 OUTPUT volts.</summary>
    public static double EcgMillivolts(double volts) => (volts - Ad8232ReferenceVolts) / Ad8232Gain * 1000;

    /// <summary>AD8232 OUTPUT volts for an ECG in mV.</summary>
    public static double Ad8232OutputVolts(double ecgMillivolts) =>
        Math.Clamp(Ad8232ReferenceVolts + (ecgMillivolts / 1000 * Ad8232Gain), 0, SupplyVolts);
}
