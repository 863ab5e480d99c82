using SensorChain.Clinical.Ecg;

namespace SensorChain.Clinical.Tests.Ecg;

public sealed class VentricularFlutterTests
{
    private const double Fs = 360;

    [Fact]
    public void A_continuous_flutter_wave_is_an_episode_not_a_train_of_beats()
    {
        // 5 s of sinus rhythm, then 20 s of a 4 Hz (240/min) sinusoidal flutter wave, then 5 s of sinus rhythm.
        var signal = new double[(int)(30 * Fs)];
        for (var i = 0; i < signal.Length; i++)
        {
            var t = i / Fs;
            signal[i] = t is >= 5 and < 25 ? 1.2 * Math.Sin(2 * Math.PI * 4 * t) : Beat(t % 0.8);
        }

        var result = QrsDetector.Analyze(signal, Fs);

        var episode = Assert.Single(result.VentricularFlutter);
        Assert.InRange(episode.Start / Fs, 3, 9);
        Assert.InRange(episode.End / Fs, 21, 27);
        Assert.DoesNotContain(result.Beats, b => b / Fs is > 9 and < 21);
        Assert.Contains(result.Beats, b => b / Fs < 4);
    }

    [Fact]
    public void A_fast_regular_rhythm_with_isoelectric_segments_is_beats_not_flutter()
    {
        // 150/min narrow QRS complexes: fast, but the trace returns to baseline between beats.
        var signal = new double[(int)(30 * Fs)];
        for (var i = 0; i < signal.Length; i++)
        {
            signal[i] = Beat(i / Fs % 0.4);
        }

        var result = QrsDetector.Analyze(signal, Fs);

        Assert.Empty(result.VentricularFlutter);
        Assert.InRange(result.Beats.Length, 73, 76);
    }

    private static double Beat(double tau) =>
        1.5 * Math.Exp(-Math.Pow((tau - 0.2) / 0.012, 2)) - 0.2 * Math.Exp(-Math.Pow((tau - 0.18) / 0.01, 2))
        + 0.3 * Math.Exp(-Math.Pow((tau - 0.32) / 0.04, 2));
}
