using SensorChain.Protocol;

namespace SensorChain.FirmwareSim;

/// <summary>
/// One second of the full bedside kit as plain synthetic signals (sines, a little noise), at the simulator's rates:
/// cheap to generate in bulk for benchmarks and load tests, where the physiological models of
/// <see cref="VirtualPatient"/> would cost more than the code being measured.
/// </summary>
public static class SyntheticKit
{
    /// <summary>Sines with 5 % noise from <paramref name="random"/>; spot values at offset 0.</summary>
    public static List<ChannelBlock> Noisy(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double[] Wave(int n, double amplitude) => [.. Enumerable.Range(0, n).Select(i => (amplitude * Math.Sin(i * 0.07)) + (random.NextDouble() * amplitude * 0.05))];
        return
        [
            ChannelBlock.FromValues(SensorKind.HeartRate, 1, [72]),
            ChannelBlock.FromValues(SensorKind.SpO2, 1, [97.4]),
            ChannelBlock.FromValues(SensorKind.Ecg, 250, Wave(250, 1.2)),
            ChannelBlock.FromValues(SensorKind.Ppg, 100, [.. Wave(100, 3000).Select(v => v + 100_000)]),
            ChannelBlock.FromSpotValues(SensorKind.BodyTemperature, [36.9], [0]),
            ChannelBlock.FromSpotValues(SensorKind.Glucose, [104], [0]),
            ChannelBlock.FromValues(SensorKind.Gsr, 10, Wave(10, 2)),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureSystolic, [122], [0]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureDiastolic, [79], [0]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureMean, [93], [0]),
            ChannelBlock.FromValues(SensorKind.AccelX, 50, Wave(50, 0.05)),
            ChannelBlock.FromValues(SensorKind.AccelY, 50, Wave(50, 0.05)),
            ChannelBlock.FromValues(SensorKind.AccelZ, 50, [.. Wave(50, 0.05).Select(v => v + 1)]),
            ChannelBlock.FromValues(SensorKind.Emg, 500, Wave(500, 0.3)),
            ChannelBlock.FromValues(SensorKind.RespirationRate, 1, [15]),
        ];
    }

    /// <summary>Noise-free sines; the heart rate is 72 + <paramref name="heartRateOffset"/> so successive windows differ.</summary>
    public static List<ChannelBlock> Deterministic(double heartRateOffset)
    {
        return
        [
            ChannelBlock.FromValues(SensorKind.HeartRate, 1, [72 + heartRateOffset]),
            ChannelBlock.FromValues(SensorKind.SpO2, 1, [97.5]),
            ChannelBlock.FromValues(SensorKind.Ecg, 250, Sine(250, 1.2, 1.0)),
            ChannelBlock.FromValues(SensorKind.Ppg, 100, Sine(100, 1.2, 2000, 50_000)),
            ChannelBlock.FromValues(SensorKind.BodyTemperature, 1, [36.85]),
            ChannelBlock.FromSpotValues(SensorKind.Glucose, [98], [500]),
            ChannelBlock.FromValues(SensorKind.Gsr, 4, [2.1, 2.2, 2.3, 2.2]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureSystolic, [121], [300]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureDiastolic, [79], [300]),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureMean, [93], [300]),
            ChannelBlock.FromValues(SensorKind.AccelX, 50, Sine(50, 0.5, 0.05)),
            ChannelBlock.FromValues(SensorKind.AccelY, 50, Sine(50, 0.5, 0.05)),
            ChannelBlock.FromValues(SensorKind.AccelZ, 50, Sine(50, 0.5, 0.05, 1.0)),
            ChannelBlock.FromValues(SensorKind.Emg, 500, Sine(500, 30, 0.2)),
            ChannelBlock.FromValues(SensorKind.RespirationRate, 1, [16]),
        ];
    }

    private static double[] Sine(int n, double hz, double amplitude, double offset = 0)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = offset + (amplitude * Math.Sin(2 * Math.PI * hz * i / n));
        }

        return values;
    }
}
