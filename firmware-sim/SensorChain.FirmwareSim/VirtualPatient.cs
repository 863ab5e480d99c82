using SensorChain.FirmwareSim.Models;
using SensorChain.Protocol;

namespace SensorChain.FirmwareSim;

/// <summary>
/// One simulated patient wearing the full kit. Every output is a pure function of (seed, scenario, profile, time):
/// render any window in any order and get the same samples, and consecutive windows join seamlessly. Regular
/// channels sample on a grid anchored at the Unix epoch (sample k of a channel at k × period), so windows that start
/// on a multiple of the period (e.g. whole seconds) carry exact timestamps. Thread-safe.
/// Continuous-time functions take seconds since the run's start (<see cref="SecondsAt"/>).
/// </summary>
public sealed class VirtualPatient
{
    /// <summary>AD8232 output at its rail with the leads off, referred to the input (≈ 1.65 V / gain 1100).</summary>
    public const double EcgRailMillivolts = 1.5;

    private readonly CardiacModel _cardiac;
    private readonly MotionModel _motion;
    private readonly GsrModel _gsr;
    private readonly Trend _spo2;
    private readonly Trend _temperature;
    private readonly Trend _systolic;
    private readonly Trend _diastolic;
    private readonly Trend _glucose;
    private readonly Trend _respiration;
    private readonly double _onsetS;
    private readonly double _detachEndS;
    private readonly bool _detach;
    private readonly double _redDc;
    private readonly double _irDc;
    private readonly double _perfusion;
    private readonly SpotSchedule _temperatureSpots;
    private readonly SpotSchedule _glucoseSpots;
    private readonly SpotSchedule _pressureSpots;
    private BeatCache? _beatCache;

    /// <summary>Creates a patient.</summary>
    /// <param name="seed">Any number; equal seeds give identical patients.</param>
    /// <param name="scenario">What happens to the patient.</param>
    /// <param name="startUnixMs">The run's start: the scenario's onset is counted from here.</param>
    /// <param name="profile">Resting baseline; default <see cref="PatientProfile.FromSeed"/>.</param>
    public VirtualPatient(long seed, Scenario scenario, long startUnixMs, PatientProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        profile ??= PatientProfile.FromSeed(seed);
        profile.Validate();
        Seed = seed;
        Scenario = scenario;
        StartUnixMs = startUnixMs;
        Profile = profile;
        var e = scenario.Effects;
        _onsetS = scenario.Onset.TotalSeconds;
        var ramp = scenario.Ramp.TotalSeconds;
        Trend Make(double baseline, double? target, double delta, double drift, double periodS, int stream) =>
            new(baseline, target.HasValue ? target.Value - baseline : delta, _onsetS, ramp, drift,
                2 * Math.PI / periodS, 2 * Math.PI * DeterministicNoise.Uniform(seed, Streams.Drift, stream));

        var heartRate = Make(profile.BaselineHeartRate, e.HeartRate, e.HeartRateDelta, 1.5, 300, 1);
        _respiration = Make(profile.BaselineRespirationRate, e.RespirationRate, 0, 0.6, 170, 2);
        _spo2 = Make(profile.BaselineSpO2, e.SpO2, 0, 0.3, 240, 3);
        _temperature = Make(profile.BaselineTemperature, e.Temperature, 0, 0.04, 900, 4);
        _systolic = Make(profile.BaselineSystolic, e.Systolic, 0, 2, 400, 5);
        _diastolic = Make(profile.BaselineDiastolic, e.Diastolic, 0, 1.5, 400, 6);
        _glucose = Make(profile.BaselineGlucose, e.Glucose, 0, 3, 1800, 7);
        var skin = Make(profile.BaselineSkinConductance, null, e.SkinConductanceDelta, 0.3, 200, 8);
        _cardiac = new CardiacModel(seed, heartRate, _respiration, profile.AgeYears, e.AtrialFibrillation, _onsetS);
        _motion = new MotionModel(seed, e.Fall, _onsetS, profile.FixedPosture);
        _gsr = new GsrModel(seed, skin);
        _detach = e.Detach;
        _detachEndS = _onsetS + scenario.DetachedFor.TotalSeconds;
        _irDc = 100_000 + (40_000 * DeterministicNoise.Uniform(seed, Streams.Morphology, 20));
        _redDc = _irDc * (0.75 + (0.1 * DeterministicNoise.Uniform(seed, Streams.Morphology, 21)));
        _perfusion = 0.015 + (0.015 * DeterministicNoise.Uniform(seed, Streams.Morphology, 22));
        var onsetMs = (long)scenario.Onset.TotalMilliseconds;
        var frequentMs = (long)SimulatorRates.FrequentSpotInterval.TotalMilliseconds;
        _temperatureSpots = new((long)SimulatorRates.TemperatureInterval.TotalMilliseconds, onsetMs, frequentMs, e.FrequentTemperature);
        _glucoseSpots = new((long)SimulatorRates.GlucoseInterval.TotalMilliseconds, onsetMs, frequentMs, e.FrequentGlucose);
        _pressureSpots = new((long)SimulatorRates.BloodPressureInterval.TotalMilliseconds, onsetMs, frequentMs, e.FrequentBloodPressure);
    }

    /// <summary>The seed.</summary>
    public long Seed { get; }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>The run's start, Unix ms.</summary>
    public long StartUnixMs { get; }

    /// <summary>The resting baseline.</summary>
    public PatientProfile Profile { get; }

    /// <summary>Seconds since the run's start for a Unix-ms instant (the time base of the signal functions).</summary>
    public double SecondsAt(long unixMs) => (unixMs - StartUnixMs) / 1000.0;

    /// <summary>The model's ground truth at <paramref name="unixMs"/>.</summary>
    public VitalTruth TruthAt(long unixMs)
    {
        var t = SecondsAt(unixMs);
        var systolic = _systolic.Value(t);
        var diastolic = _diastolic.Value(t);
        return new VitalTruth(
            unixMs,
            _cardiac.HeartRate(t),
            SpO2(t),
            _temperature.Value(t),
            systolic,
            diastolic,
            diastolic + ((systolic - diastolic) / 3),
            _glucose.Value(t),
            _respiration.Value(t),
            _motion.PostureAt(t),
            _motion.Falling(t),
            _motion.Impact(t),
            _cardiac.AfFactor(t) > 0 ? CardiacRhythm.AtrialFibrillation : CardiacRhythm.Sinus,
            !EcgLeadsOff(t),
            !PpgFingerOff(t),
            _motion.Activity(t));
    }

    /// <summary>True while the ECG electrodes are off (AD8232 LO+/LO− high).</summary>
    public bool EcgLeadsOff(double tSeconds) => Detached(tSeconds);

    /// <summary>True while the finger is off the pulse oximeter.</summary>
    public bool PpgFingerOff(double tSeconds) => Detached(tSeconds);

    /// <summary>Single-lead ECG (lead II-like) in mV; railed at <see cref="EcgRailMillivolts"/> while the leads are off.</summary>
    public double EcgMillivolts(double tSeconds)
    {
        if (EcgLeadsOff(tSeconds))
        {
            return EcgRailMillivolts;
        }

        var beats = BeatsAround(tSeconds);
        var cursor = 0;
        return _cardiac.Ecg(tSeconds, beats, ref cursor) + MotionArtefact(tSeconds);
    }

    /// <summary>
    /// MAX30102-style 18-bit ADC counts of the red (660 nm) and infrared (880 nm) channels. Both are DC·(1 − k·v(t))
    /// where v is the arterial blood volume pulse, k_ir the perfusion index and k_red = R·k_ir with the
    /// ratio of ratios R = (110 − SpO2) / 25 (the common empirical calibration, SpO2 ≈ 110 − 25·R).
    /// With the finger off, both read ambient light only (a few hundred counts).
    /// </summary>
    public (double Red, double Ir) PpgCounts(double tSeconds)
    {
        var beats = BeatsAround(tSeconds);
        var cursor = 0;
        return Ppg(tSeconds, beats, ref cursor);
    }

    /// <summary>Chest accelerometer reading in g (gravity per posture, breathing, movement, falls).</summary>
    public (double X, double Y, double Z) AccelG(double tSeconds) => _motion.Accel(tSeconds, _cardiac.RespPhase(tSeconds));

    /// <summary>Surface EMG in mV.</summary>
    public double EmgMillivolts(double tSeconds) => _motion.Emg(tSeconds);

    /// <summary>Skin conductance in µS.</summary>
    public double GsrMicrosiemens(double tSeconds) => _gsr.Value(tSeconds);

    /// <summary>Body temperature as a skin-contact sensor (TMP117/MAX30205) reads it, °C.</summary>
    public double TemperatureCelsius(double tSeconds) =>
        _temperature.Value(tSeconds) + (0.01 * DeterministicNoise.Smooth(Seed, Streams.TemperatureNoise, tSeconds, 1));

    /// <summary>The gravity vector (g, device axes) the accelerometer reads at rest in <paramref name="posture"/>.</summary>
    public (double X, double Y, double Z) GravityOf(Posture posture) => _motion.GravityOf(posture);

    /// <summary>
    /// Every channel for [start, start + duration), in <see cref="SensorKind"/> order, built with the kinds' default
    /// units and exponents. Spot channels appear only in windows that contain a reading.
    /// </summary>
    public IReadOnlyList<ChannelBlock> RenderWindow(long startUnixMs, uint durationMs) =>
        WindowRenderer.Render(this, startUnixMs, durationMs);

    internal double SpO2(double t) => Math.Min(100, _spo2.Value(t));

    internal double RespirationRate(double t) => _respiration.Value(t);

    internal double Temperature(double t) => _temperature.Value(t);

    internal double Glucose(double t) => _glucose.Value(t);

    internal (double Systolic, double Diastolic) BloodPressure(double t) => (_systolic.Value(t), _diastolic.Value(t));

    internal double HeartRate(double t) => _cardiac.HeartRate(t);

    internal double Activity(double t) => _motion.Activity(t);

    internal SpotSchedule TemperatureSpots => _temperatureSpots;

    internal SpotSchedule GlucoseSpots => _glucoseSpots;

    internal SpotSchedule PressureSpots => _pressureSpots;

    internal void FillBeats(double from, double to, List<Beat> beats) => _cardiac.FillBeats(from, to, beats);

    internal double Ecg(double t, List<Beat> beats, ref int cursor) =>
        EcgLeadsOff(t) ? EcgRailMillivolts : _cardiac.Ecg(t, beats, ref cursor) + MotionArtefact(t);

    internal (double Red, double Ir) Ppg(double t, List<Beat> beats, ref int cursor)
    {
        var k = (long)Math.Round(t * 1000);
        var noiseRed = 2 * DeterministicNoise.Gaussian(Seed, Streams.PpgNoiseRed, k);
        var noiseIr = 2 * DeterministicNoise.Gaussian(Seed, Streams.PpgNoiseIr, k);
        if (PpgFingerOff(t))
        {
            return (420 + (8 * noiseRed), 560 + (8 * noiseIr));
        }

        var pulse = _cardiac.Pulse(t, beats, ref cursor);
        // Respiration-induced intensity variation: venous/arterial volume shifts, same spectral ratio as the pulse.
        var volume = pulse + (0.15 * Math.Sin(2 * Math.PI * _cardiac.RespPhase(t)));
        var r = (110 - SpO2(t)) / 25;
        var motion = 1 + (0.02 * Activity(t) * DeterministicNoise.Smooth(Seed, Streams.MotionArtefact, t, 4));
        return ((_redDc * motion * (1 - (r * _perfusion * volume))) + noiseRed, (_irDc * motion * (1 - (_perfusion * volume))) + noiseIr);
    }

    internal double Emg(double t) => _motion.Emg(t);

    private double MotionArtefact(double t)
    {
        var a = Activity(t);
        return a <= 0 ? 0 : 0.25 * a * DeterministicNoise.Smooth(Seed, Streams.MotionArtefact, t, 15);
    }

    private bool Detached(double t) => _detach && t >= _onsetS && t < _detachEndS;

    private List<Beat> BeatsAround(double t)
    {
        var cache = Volatile.Read(ref _beatCache);
        if (cache is null || t - 1.4 < cache.From || t + 0.4 > cache.To)
        {
            var beats = new List<Beat>(32);
            var from = t - 2;
            var to = t + 8;
            _cardiac.FillBeats(from, to, beats);
            cache = new BeatCache(from, to, beats);
            Volatile.Write(ref _beatCache, cache);
        }

        return cache.Beats;
    }

    private sealed record BeatCache(double From, double To, List<Beat> Beats);
}
