using SensorChain.Edge.Hardware.Drivers.Adxl345;

namespace SensorChain.FirmwareSim.Chips.Signals;

/// <summary>Wraps a source with switchable faults: electrodes off (AD8232 LO±) and finger off the PPG sensor.</summary>
public sealed class FaultableSignalSource(ISignalSource inner) : ISignalSource
{
    /// <summary>Forces the ECG electrodes off.</summary>
    public bool LeadsOff { get; set; }

    /// <summary>Forces the finger off the MAX30102 (IR/red drop to ambient light).</summary>
    public bool FingerOff { get; set; }

    /// <inheritdoc />
    public double EcgMillivolts(double t) => inner.EcgMillivolts(t);

    /// <inheritdoc />
    public bool LeadsAttached(double t) => !LeadsOff && inner.LeadsAttached(t);

    /// <inheritdoc />
    public (double Red, double Ir) PpgCounts(double t) => FingerOff ? (1200, 1500) : inner.PpgCounts(t);

    /// <inheritdoc />
    public AccelSample Acceleration(double t) => inner.Acceleration(t);

    /// <inheritdoc />
    public double EmgEnvelopeMillivolts(double t) => inner.EmgEnvelopeMillivolts(t);

    /// <inheritdoc />
    public double SkinConductanceMicrosiemens(double t) => inner.SkinConductanceMicrosiemens(t);

    /// <inheritdoc />
    public double TemperatureCelsius(double t) => inner.TemperatureCelsius(t);

    /// <inheritdoc />
    public SignalTruth TruthAt(double t) => inner.TruthAt(t) with { LeadsAttached = LeadsAttached(t), FingerOn = !FingerOff && inner.TruthAt(t).FingerOn };
}
