namespace SensorChain.FirmwareSim.Models;

/// <summary>
/// Skin conductance (µS): a tonic level that drifts and follows the scenario (sweating in hypoglycaemia) plus
/// spontaneous phasic skin-conductance responses (SCRs, ~2 per minute; rise ~1 s, recovery ~5 s), as in
/// Boucsein, Electrodermal Activity (2012).
/// </summary>
internal sealed class GsrModel(long seed, Trend tonic)
{
    private const double SlotSeconds = 12;

    public double Value(double t)
    {
        var v = tonic.Value(t);
        var slot = (long)Math.Floor(t / SlotSeconds);
        for (var k = slot - 3; k <= slot; k++)
        {
            if (DeterministicNoise.Uniform(seed, Streams.Scr, k * 3) >= 0.4)
            {
                continue;
            }

            var start = (k * SlotSeconds) + (SlotSeconds * DeterministicNoise.Uniform(seed, Streams.Scr, (k * 3) + 1));
            var dt = t - start;
            if (dt > 0)
            {
                var amplitude = 0.05 + (0.3 * DeterministicNoise.Uniform(seed, Streams.Scr, (k * 3) + 2));
                v += amplitude * 1.6 * (1 - Math.Exp(-dt / 0.7)) * Math.Exp(-dt / 5);
            }
        }

        return Math.Max(0.05, v + (0.004 * DeterministicNoise.Smooth(seed, Streams.GsrNoise, t, 5)));
    }
}
