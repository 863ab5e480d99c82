namespace SensorChain.FirmwareSim.Models;

/// <summary>
/// Posture, movement and falls as a chest-worn accelerometer and a surface EMG electrode see them. Posture follows a
/// seeded schedule (a new posture may start 60 s after the run's start and every 240 s after that, with a 3-s transition); short fidgets add movement. In the
/// fall scenario the patient stands until the onset, falls (0.45 s free fall, 0.12-s impact peaking at ~5.5 g,
/// settling) and then lies still. Axes: +X towards the patient's left, +Y towards the head, +Z out of the chest;
/// the reading at rest is +1 g on the axis pointing up (see README).
/// </summary>
internal sealed class MotionModel
{
    public const double SlotSeconds = 240;
    public const double FirstSlotSeconds = 60;
    public const double TransitionSeconds = 3;
    public const double FreeFallSeconds = 0.45;
    public const double ImpactSeconds = 0.12;
    public const double SettleSeconds = 1.5;
    private const double FidgetSlotSeconds = 20;
    private const double TwoPi = 2 * Math.PI;
    private readonly long _seed;
    private readonly bool _fall;
    private readonly double _onset;
    private readonly Posture _lying;
    private readonly Vec[] _gravity;
    private readonly Posture? _fixed;

    public MotionModel(long seed, bool fall, double onsetS, Posture? fixedPosture)
    {
        _seed = seed;
        _fixed = fixedPosture;
        _fall = fall;
        _onset = onsetS;
        double U(int i) => DeterministicNoise.Uniform(seed, Streams.PostureSlot, -100 - i);
        _lying = (Posture)(1 + (int)(U(0) * 4));
        var upright = Deg(5 + (15 * U(1)));
        var headUp = Deg(20 * U(2));
        var roll = Deg(5 + (15 * U(3)));
        _gravity = new Vec[5];
        _gravity[(int)Posture.Upright] = new Vec(0, Math.Cos(upright), Math.Sin(upright));
        _gravity[(int)Posture.Supine] = new Vec(0, Math.Sin(headUp), Math.Cos(headUp));
        _gravity[(int)Posture.Prone] = new Vec(0, Math.Sin(headUp / 2), -Math.Cos(headUp / 2));
        _gravity[(int)Posture.Left] = new Vec(-Math.Cos(roll), 0, Math.Sin(roll));
        _gravity[(int)Posture.Right] = new Vec(Math.Cos(roll), 0, Math.Sin(roll));
    }

    /// <summary>The gravity direction (unit vector, device axes) for <paramref name="posture"/>.</summary>
    public (double X, double Y, double Z) GravityOf(Posture posture)
    {
        var g = _gravity[(int)posture];
        return (g.X, g.Y, g.Z);
    }

    /// <summary>The posture at <paramref name="t"/> (during a transition: the one being left until halfway).</summary>
    public Posture PostureAt(double t)
    {
        var (from, to, progress) = PostureState(t);
        return progress < 0.5 ? from : to;
    }

    /// <summary>True during the free-fall phase.</summary>
    public bool Falling(double t) => _fall && t >= _onset && t < _onset + FreeFallSeconds;

    /// <summary>True during the impact.</summary>
    public bool Impact(double t) => _fall && t >= _onset + FreeFallSeconds && t < _onset + FreeFallSeconds + ImpactSeconds;

    /// <summary>Movement intensity 0..1.</summary>
    public double Activity(double t) => Activity(t, PostureState(t));

    /// <summary>Acceleration in g along the device axes.</summary>
    public (double X, double Y, double Z) Accel(double t, double respPhase)
    {
        var state = PostureState(t);
        Vec g;
        if (_fall && t >= _onset)
        {
            g = FallAccel(t - _onset);
        }
        else
        {
            var (from, to, progress) = state;
            g = from == to || progress >= 1 ? _gravity[(int)to] : Vec.Lerp(_gravity[(int)from], _gravity[(int)to], progress).Normalized();
        }

        // Breathing moves the chest wall; movement adds 1–8 Hz jitter.
        var breath = 0.006 * Math.Sin(TwoPi * respPhase);
        var activity = Activity(t, state);
        var k = (long)Math.Round(t * 1000);
        var x = g.X + (0.004 * DeterministicNoise.Gaussian(_seed, Streams.AccelNoiseX, k));
        var y = g.Y + (0.004 * DeterministicNoise.Gaussian(_seed, Streams.AccelNoiseY, k)) + (0.3 * breath);
        var z = g.Z + (0.004 * DeterministicNoise.Gaussian(_seed, Streams.AccelNoiseZ, k)) + breath;
        if (activity > 0 && !(_fall && t >= _onset))
        {
            x += 0.12 * activity * DeterministicNoise.Smooth(_seed, Streams.ActivityX, t, 8);
            y += 0.15 * activity * DeterministicNoise.Smooth(_seed, Streams.ActivityY, t, 8);
            z += 0.12 * activity * DeterministicNoise.Smooth(_seed, Streams.ActivityZ, t, 8);
        }

        return (x, y, z);
    }

    /// <summary>Surface EMG in mV: a resting floor, postural tone when upright, bursts with movement.</summary>
    public double Emg(double t)
    {
        var state = PostureState(t);
        var posture = state.Progress < 0.5 ? state.From : state.To;
        var envelope = 0.005 + (posture == Posture.Upright ? 0.008 : 0) + (0.45 * Activity(t, state));
        return envelope * DeterministicNoise.Smooth(_seed, Streams.Emg, t, 1000);
    }

    private double Activity(double t, (Posture From, Posture To, double Progress) state)
    {
        if (_fall && t >= _onset)
        {
            return t < _onset + SettleSeconds ? 1 : 0;
        }

        var transition = state.From != state.To && state.Progress < 1 ? 0.8 * Bump(state.Progress) : 0;
        return Math.Max(transition, Fidget(t));
    }

    private (Posture From, Posture To, double Progress) PostureState(double t)
    {
        if (_fall)
        {
            return t < _onset + FreeFallSeconds ? (Posture.Upright, Posture.Upright, 1) : (_lying, _lying, 1);
        }

        if (_fixed is { } posture)
        {
            return (posture, posture, 1);
        }

        // Slots start 60 s after the run's start, so a short demo starts in one steady posture.
        var slot = (long)Math.Floor((t - FirstSlotSeconds) / SlotSeconds);
        var to = SlotPosture(slot);
        var from = SlotPosture(slot - 1);
        var progress = Math.Clamp((t - FirstSlotSeconds - (slot * SlotSeconds)) / TransitionSeconds, 0, 1);
        return (from, to, progress);
    }

    private Posture SlotPosture(long slot)
    {
        var u = DeterministicNoise.Uniform(_seed, Streams.PostureSlot, slot);
        return u switch
        {
            < 0.45 => Posture.Upright,
            < 0.75 => Posture.Supine,
            < 0.85 => Posture.Left,
            < 0.95 => Posture.Right,
            _ => Posture.Prone,
        };
    }

    private double Fidget(double t)
    {
        var slot = (long)Math.Floor(t / FidgetSlotSeconds);
        if (DeterministicNoise.Uniform(_seed, Streams.Fidget, slot * 4) >= 0.25)
        {
            return 0;
        }

        var start = (slot * FidgetSlotSeconds) + 1 + (16 * DeterministicNoise.Uniform(_seed, Streams.Fidget, (slot * 4) + 1));
        var duration = 1 + (1.5 * DeterministicNoise.Uniform(_seed, Streams.Fidget, (slot * 4) + 2));
        var intensity = 0.3 + (0.3 * DeterministicNoise.Uniform(_seed, Streams.Fidget, (slot * 4) + 3));
        var u = (t - start) / duration;
        return u is < 0 or > 1 ? 0 : intensity * Bump(u);
    }

    private Vec FallAccel(double dt)
    {
        var up = _gravity[(int)Posture.Upright];
        var down = _gravity[(int)_lying];
        if (dt < FreeFallSeconds)
        {
            // Free fall: the accelerometer reads ~0 g (only a small drag-induced residual).
            return up * (0.06 * (1 - (dt / FreeFallSeconds)));
        }

        var ti = dt - FreeFallSeconds;
        if (ti < ImpactSeconds)
        {
            var peak = 5.5 * Math.Sin(Math.PI * ti / ImpactSeconds);
            return (down + new Vec(0.25, 0.35, 0)).Normalized() * peak;
        }

        if (dt < SettleSeconds)
        {
            var s = (dt - FreeFallSeconds - ImpactSeconds) / (SettleSeconds - FreeFallSeconds - ImpactSeconds);
            var ring = 0.6 * Math.Exp(-s * 5) * Math.Sin(TwoPi * 8 * dt);
            var g = Vec.Lerp(up, down, Math.Min(1, s * 3)).Normalized();
            return g + new Vec(ring, -0.7 * ring, 0.5 * ring);
        }

        return down;
    }

    private static double Bump(double u) => Math.Sin(Math.PI * u) * Math.Sin(Math.PI * u);

    private static double Deg(double degrees) => degrees * Math.PI / 180;

    private readonly record struct Vec(double X, double Y, double Z)
    {
        public static Vec operator +(Vec a, Vec b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

        public static Vec operator *(Vec a, double k) => new(a.X * k, a.Y * k, a.Z * k);

        public static Vec Lerp(Vec a, Vec b, double u) => new(a.X + ((b.X - a.X) * u), a.Y + ((b.Y - a.Y) * u), a.Z + ((b.Z - a.Z) * u));

        public Vec Normalized()
        {
            var n = Math.Sqrt((X * X) + (Y * Y) + (Z * Z));
            return n < 1e-9 ? new Vec(0, 1, 0) : this * (1 / n);
        }
    }
}
