using SensorChain.Edge.Hardware.Drivers.Adxl345;

namespace SensorChain.FirmwareSim.Chips.Signals;

/// <summary>
/// A small deterministic patient used until (and alongside) firmware-sim's VirtualPatient: Gaussian P-QRS-T ECG,
/// two-hump PPG (the pulse lowers the counts, as absorption does) whose red/IR ratio of ratios encodes SpO2 as R = (110 − SpO2)/25, gravity per posture, fall and
/// detachment episodes per scenario.
/// </summary>
public sealed class SyntheticPatient : ISignalSource
{
    /// <summary>Scenario names this source knows.</summary>
    public static readonly string[] Scenarios = ["stable", "fall", "sensor-detached", "postures"];

    /// <summary>Seconds after start at which the fall scenario falls.</summary>
    public const double FallAt = 12;

    /// <summary>Detachment window of the sensor-detached scenario.</summary>
    public const double DetachFrom = 10;

    /// <summary>End of the detachment window.</summary>
    public const double DetachTo = 20;

    /// <summary>Seconds per posture in the postures scenario.</summary>
    public const double PostureSeconds = 8;

    private static readonly BodyPosition[] PostureCycle = [BodyPosition.Upright, BodyPosition.Supine, BodyPosition.Left, BodyPosition.Right, BodyPosition.Prone];

    /// <summary>Creates the patient.</summary>
    public SyntheticPatient(string scenario = "stable", double heartRateBpm = 72, double spo2Percent = 97)
    {
        if (Array.IndexOf(Scenarios, scenario) < 0)
        {
            throw new ArgumentException($"Unknown scenario '{scenario}'. Known: {string.Join(", ", Scenarios)}.", nameof(scenario));
        }

        Scenario = scenario;
        HeartRateBpm = heartRateBpm;
        SpO2Percent = spo2Percent;
    }

    /// <summary>Scenario name.</summary>
    public string Scenario { get; }

    /// <summary>Heart rate.</summary>
    public double HeartRateBpm { get; }

    /// <summary>Oxygen saturation.</summary>
    public double SpO2Percent { get; }

    /// <summary>Gravity vector (g) for a resting posture.</summary>
    public static AccelSample Gravity(BodyPosition posture) => posture switch
    {
        BodyPosition.Upright => new AccelSample(0, 1, 0),
        BodyPosition.Supine => new AccelSample(0, 0, 1),
        BodyPosition.Prone => new AccelSample(0, 0, -1),
        BodyPosition.Left => new AccelSample(-1, 0, 0),
        BodyPosition.Right => new AccelSample(1, 0, 0),
        _ => new AccelSample(0, 0, 1),
    };

    /// <inheritdoc />
    public double EcgMillivolts(double t)
    {
        var phase = Phase(t);
        return (0.15 * Bump(phase, 0.2, 0.025)) - (0.1 * Bump(phase, 0.29, 0.008)) + (1.1 * Bump(phase, 0.31, 0.01))
            - (0.25 * Bump(phase, 0.33, 0.01)) + (0.3 * Bump(phase, 0.55, 0.04));
    }

    /// <inheritdoc />
    public bool LeadsAttached(double t) => !Detached(t);

    /// <inheritdoc />
    public (double Red, double Ir) PpgCounts(double t)
    {
        if (Detached(t))
        {
            return (1500, 2000);
        }

        var phase = Phase(t);
        var shape = Bump(phase, 0.35, 0.06) + (0.3 * Bump(phase, 0.6, 0.05));
        const double dcIr = 120_000;
        const double dcRed = 90_000;
        const double perfusionIr = 0.02;
        var ratio = (110 - SpO2Percent) / 25;
        var ir = dcIr * (1 - (perfusionIr * shape));
        var red = dcRed * (1 - (perfusionIr * ratio * shape));
        return (red, ir);
    }

    /// <inheritdoc />
    public AccelSample Acceleration(double t)
    {
        var breathing = 0.01 * Math.Sin(2 * Math.PI * 0.25 * t);
        if (Scenario == "fall")
        {
            if (t >= FallAt && t < FallAt + 0.4)
            {
                return new AccelSample(0.08, 0.03, 0.05);
            }

            if (t >= FallAt + 0.4 && t < FallAt + 0.5)
            {
                return new AccelSample(1.5, 0.8, 3.2);
            }
        }

        var g = Gravity(PostureAt(t));
        return new AccelSample(g.X, g.Y + breathing, g.Z + breathing);
    }

    /// <inheritdoc />
    public double EmgEnvelopeMillivolts(double t) => 0.08 + (0.04 * Math.Max(0, Math.Sin(2 * Math.PI * 0.1 * t)));

    /// <inheritdoc />
    public double SkinConductanceMicrosiemens(double t) => Detached(t) ? 0 : 5 + (0.5 * Math.Sin(2 * Math.PI * 0.02 * t));

    /// <inheritdoc />
    public double TemperatureCelsius(double t) => 36.8 + (0.05 * Math.Sin(2 * Math.PI * t / 600));

    /// <inheritdoc />
    public SignalTruth TruthAt(double t) => new(
        HeartRateBpm,
        SpO2Percent,
        PostureAt(t),
        Scenario == "fall" && t >= FallAt && t < FallAt + 0.5,
        !Detached(t),
        !Detached(t),
        TemperatureCelsius(t),
        105,
        122,
        78);

    /// <summary>Posture at time t.</summary>
    public BodyPosition PostureAt(double t) => Scenario switch
    {
        "fall" => t < FallAt + 0.5 ? BodyPosition.Upright : BodyPosition.Supine,
        "postures" => PostureCycle[(int)(t / PostureSeconds) % PostureCycle.Length],
        _ => BodyPosition.Supine,
    };

    private bool Detached(double t) => Scenario == "sensor-detached" && t >= DetachFrom && t < DetachTo;

    private double Phase(double t)
    {
        var beats = t * HeartRateBpm / 60;
        return beats - Math.Floor(beats);
    }

    private static double Bump(double phase, double centre, double width)
    {
        var d = (phase - centre) / width;
        return Math.Exp(-0.5 * d * d);
    }
}
