using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

public sealed class MotionTests
{
    [Fact]
    public void Gravity_of_each_posture_points_along_its_axis()
    {
        var p = Sim.Patient(Scenario.Stable);
        Assert.True(p.GravityOf(Posture.Upright).Y > 0.9);
        Assert.True(p.GravityOf(Posture.Supine).Z > 0.9);
        Assert.True(p.GravityOf(Posture.Prone).Z < -0.9);
        Assert.True(p.GravityOf(Posture.Left).X < -0.9);
        Assert.True(p.GravityOf(Posture.Right).X > 0.9);
        foreach (var posture in Enum.GetValues<Posture>())
        {
            var (x, y, z) = p.GravityOf(posture);
            Assert.Equal(1.0, Math.Sqrt((x * x) + (y * y) + (z * z)), 6);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Accelerometer_reading_matches_the_true_posture_when_still(long seed)
    {
        var p = Sim.Patient(Scenario.Stable, seed);
        var seen = new HashSet<Posture>();
        for (var s = 0; s < 3600; s += 7)
        {
            var truth = p.TruthAt(Sim.Start + (s * 1000L));
            if (truth.Activity > 0)
            {
                continue;
            }

            var (x, y, z) = p.AccelG(s);
            Assert.Equal(truth.Posture, Classify(x, y, z));
            Assert.InRange(Math.Sqrt((x * x) + (y * y) + (z * z)), 0.95, 1.05);
            seen.Add(truth.Posture);
        }

        Assert.True(seen.Count >= 2, "an hour holds posture changes");
    }

    [Theory]
    [InlineData(Posture.Upright)]
    [InlineData(Posture.Supine)]
    [InlineData(Posture.Prone)]
    [InlineData(Posture.Left)]
    [InlineData(Posture.Right)]
    public void Fixed_posture_holds_for_the_whole_run_and_reads_as_that_posture(Posture posture)
    {
        var p = Sim.Patient(Scenario.Stable, 31, PatientProfile.FromSeed(31) with { FixedPosture = posture });
        for (var s = 0; s < 1800; s += 13)
        {
            Assert.Equal(posture, p.TruthAt(Sim.Start + (s * 1000L)).Posture);
            if (p.TruthAt(Sim.Start + (s * 1000L)).Activity == 0)
            {
                var (x, y, z) = p.AccelG(s);
                Assert.Equal(posture, Classify(x, y, z));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Fall_has_free_fall_then_impact_then_lying_still_in_a_new_posture(long seed)
    {
        var p = Sim.Patient(Scenario.Fall, seed);
        var x = Sim.Regular(p, SensorKind.AccelX, 5, 20);
        var y = Sim.Regular(p, SensorKind.AccelY, 5, 20);
        var z = Sim.Regular(p, SensorKind.AccelZ, 5, 20);
        var magnitude = x.Select((_, i) => Math.Sqrt((x[i] * x[i]) + (y[i] * y[i]) + (z[i] * z[i]))).ToArray();
        var freeFall = Array.FindIndex(magnitude, m => m < 0.3);
        Assert.InRange(freeFall, 250, 252); // onset 10 s = 5 s into the trace at 50 Hz
        Assert.True(magnitude.Skip(freeFall).Take(15).All(m => m < 0.3), "~0 g for the fall");
        var impact = Array.FindIndex(magnitude, freeFall, m => m > 3);
        Assert.InRange(impact - freeFall, 15, 30);
        Assert.True(magnitude.Take(freeFall).All(m => m is > 0.8 and < 1.3), "standing still before");
        var after = magnitude.Skip(freeFall + 100).ToArray();
        Assert.All(after, m => Assert.InRange(m, 0.95, 1.05));

        var standing = p.TruthAt(Sim.Start + 9_000);
        var lying = p.TruthAt(Sim.Start + 14_000);
        Assert.Equal(Posture.Upright, standing.Posture);
        Assert.NotEqual(Posture.Upright, lying.Posture);
        Assert.Equal(lying.Posture, Classify(x[^1], y[^1], z[^1]));
        Assert.True(p.TruthAt(Sim.Start + 10_200).Falling);
        Assert.True(p.TruthAt(Sim.Start + 10_500).Impact);
        Assert.Equal(0, lying.Activity);
    }

    [Fact]
    public void Stable_patient_never_shows_free_fall_or_impact()
    {
        var p = Sim.Patient(Scenario.Stable, 12);
        for (var s = 0; s < 1200; s++)
        {
            var window = p.RenderWindow(Sim.Start + (s * 1000L), 1000);
            var x = window.Single(c => c.Kind == SensorKind.AccelX);
            var y = window.Single(c => c.Kind == SensorKind.AccelY);
            var z = window.Single(c => c.Kind == SensorKind.AccelZ);
            for (var i = 0; i < x.Count; i++)
            {
                var m = Math.Sqrt((x.ValueAt(i) * x.ValueAt(i)) + (y.ValueAt(i) * y.ValueAt(i)) + (z.ValueAt(i) * z.ValueAt(i)));
                Assert.InRange(m, 0.5, 1.6);
            }
        }
    }

    [Fact]
    public void Emg_bursts_during_movement()
    {
        var p = Sim.Patient(Scenario.Fall, 2);
        double Rms(double from) => Math.Sqrt(Enumerable.Range(0, 500).Average(i => Math.Pow(p.EmgMillivolts(from + (i / 500.0)), 2)));
        var rest = Rms(3);
        var moving = Rms(10.2);
        Assert.InRange(rest, 0.003, 0.03);
        Assert.True(moving > 10 * rest, $"moving {moving:F3} mV vs rest {rest:F3} mV");
    }

    internal static Posture Classify(double x, double y, double z)
    {
        var ax = Math.Abs(x);
        var ay = Math.Abs(y);
        var az = Math.Abs(z);
        if (ay >= ax && ay >= az)
        {
            return Posture.Upright;
        }

        if (az >= ax)
        {
            return z > 0 ? Posture.Supine : Posture.Prone;
        }

        return x > 0 ? Posture.Right : Posture.Left;
    }
}
