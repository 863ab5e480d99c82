using SensorChain.Edge.Hardware.Drivers.Adxl345;

namespace SensorChain.FirmwareSim.Chips.Signals;

/// <summary>Drives the emulated chips from firmware-sim's <see cref="VirtualPatient"/> (t = seconds since its start).</summary>
public sealed class VirtualPatientSource(VirtualPatient patient) : ISignalSource
{
    /// <summary>The model.</summary>
    public VirtualPatient Patient { get; } = patient;

    /// <inheritdoc />
    public double EcgMillivolts(double t) => Patient.EcgMillivolts(t);

    /// <inheritdoc />
    public bool LeadsAttached(double t) => !Patient.EcgLeadsOff(t);

    /// <inheritdoc />
    public (double Red, double Ir) PpgCounts(double t) => Patient.PpgCounts(t);

    /// <inheritdoc />
    public AccelSample Acceleration(double t)
    {
        var (x, y, z) = Patient.AccelG(t);
        return new AccelSample(x, y, z);
    }

    /// <inheritdoc />
    public double EmgEnvelopeMillivolts(double t)
    {
        // Rectified, 50 ms-smoothed envelope of the surface EMG (what an envelope board outputs).
        var sum = 0.0;
        for (var i = 0; i < 10; i++)
        {
            sum += Math.Abs(Patient.EmgMillivolts(t - (i * 0.005)));
        }

        return sum / 10;
    }

    /// <inheritdoc />
    public double SkinConductanceMicrosiemens(double t) => Patient.GsrMicrosiemens(t);

    /// <inheritdoc />
    public double TemperatureCelsius(double t) => Patient.TemperatureCelsius(t);

    /// <inheritdoc />
    public SignalTruth TruthAt(double t)
    {
        var truth = Patient.TruthAt(Patient.StartUnixMs + (long)Math.Round(t * 1000));
        return new SignalTruth(
            truth.HeartRate,
            truth.SpO2,
            ToBodyPosition(truth.Posture),
            truth.Falling || truth.Impact,
            truth.EcgLeadsAttached,
            truth.PpgAttached,
            truth.TemperatureCelsius,
            truth.GlucoseMgDl,
            (int)Math.Round(truth.Systolic),
            (int)Math.Round(truth.Diastolic));
    }

    /// <summary>firmware-sim posture → driver body position.</summary>
    public static BodyPosition ToBodyPosition(Posture posture) => posture switch
    {
        Posture.Upright => BodyPosition.Upright,
        Posture.Supine => BodyPosition.Supine,
        Posture.Prone => BodyPosition.Prone,
        Posture.Left => BodyPosition.Left,
        _ => BodyPosition.Right,
    };
}
