using FsCheck;
using FsCheck.Fluent;
using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

public sealed class PropertyTests
{
    private static readonly DeviceKey Key = DeviceKey.Create();

    [Fact]
    public void Any_seed_scenario_and_window_renders_blocks_the_codec_round_trips()
    {
        var gen =
            from seed in Gen.Choose(int.MinValue, int.MaxValue)
            from scenario in Gen.Elements(Scenario.All.ToArray())
            from offsetMs in Gen.Choose(-5_000, 400_000)
            from durationMs in Gen.Choose(1, 5_000)
            select (seed: (long)seed * 7919, scenario, offsetMs, durationMs);

        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var p = new VirtualPatient(input.seed, input.scenario, Sim.Start);
            var start = Sim.Start + input.offsetMs;
            var channels = p.RenderWindow(start, (uint)input.durationMs);
            var batch = new SensorBatch(Key.Id, 0, BatchHash.Zero, start, (uint)input.durationMs, new byte[BatchFormat.SaltSize], channels);
            var signed = BatchCodec.Sign(batch, Key);
            var ok = BatchCodec.TryDecode(signed.Bytes, out var decoded, out _);
            return ok && decoded!.Batch.Equals(batch)
                && channels.All(c => c.Values.All(v => Math.Abs(v) < 10_000_000))
                && channels.Where(c => !c.IsSpot && !c.Quality.HasFlag(SignalQuality.Detached)).All(c => c.Count == Expected(c, start, input.durationMs));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Truth_stays_physiological_for_any_seed_scenario_and_time()
    {
        var gen =
            from seed in Gen.Choose(int.MinValue, int.MaxValue)
            from scenario in Gen.Elements(Scenario.All.ToArray())
            from offsetS in Gen.Choose(-100, 4_000)
            select (seed, scenario, offsetS);

        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var p = new VirtualPatient(input.seed, input.scenario, Sim.Start);
            var t = p.TruthAt(Sim.Start + (input.offsetS * 1000L));
            return t.HeartRate is > 40 and < 180 && t.SpO2 is > 80 and <= 100 && t.TemperatureCelsius is > 35 and < 41
                && t.Systolic > t.Diastolic && t.GlucoseMgDl is > 30 and < 200 && t.RespirationRate is > 8 and < 30
                && !double.IsNaN(p.EcgMillivolts(input.offsetS)) && p.PpgCounts(input.offsetS).Ir > 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static int Expected(ChannelBlock c, long start, int durationMs)
    {
        var period = (long)Math.Round(1_000_000.0 / c.SampleRateMilliHz);
        return (int)(((start + durationMs + period - 1) / period) - ((start + period - 1) / period));
    }
}
