using SensorChain.Edge.Hardware.Drivers.Adxl345;

namespace SensorChain.FirmwareSim.Chips.Signals;

/// <summary>
/// Continuous-time physiological signals that drive the emulated chips; t is seconds since the kit started.
/// Implemented by <see cref="SyntheticPatient"/> and by an adapter over firmware-sim's VirtualPatient.
/// </summary>
public interface ISignalSource
{
    /// <summary>ECG at the electrodes in mV (meaningless when leads are off).</summary>
    double EcgMillivolts(double t);

    /// <summary>True when both ECG electrodes touch the skin.</summary>
    bool LeadsAttached(double t);

    /// <summary>MAX30102 red and IR ADC counts (18-bit full scale) at the configured LED current.</summary>
    (double Red, double Ir) PpgCounts(double t);

    /// <summary>Chest accelerometer in g (X head, Y left, Z anterior).</summary>
    AccelSample Acceleration(double t);

    /// <summary>EMG envelope at the electrodes in mV.</summary>
    double EmgEnvelopeMillivolts(double t);

    /// <summary>Skin conductance in µS.</summary>
    double SkinConductanceMicrosiemens(double t);

    /// <summary>Body temperature in °C.</summary>
    double TemperatureCelsius(double t);

    /// <summary>Ground truth.</summary>
    SignalTruth TruthAt(double t);
}
