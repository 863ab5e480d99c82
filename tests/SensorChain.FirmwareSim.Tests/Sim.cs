using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

/// <summary>Shared helpers: render long stretches and pull out channels.</summary>
internal static class Sim
{
    public const long Start = 1_763_780_400_000; // 2025-11-22T03:00:00Z, a whole second

    public static VirtualPatient Patient(Scenario scenario, long seed = 42, PatientProfile? profile = null) =>
        new(seed, scenario, Start, profile);

    /// <summary>Concatenated samples (in the unit) of a regular channel over [from, from + seconds) rendered in 1-s windows.</summary>
    public static double[] Regular(VirtualPatient patient, SensorKind kind, double fromSeconds, int seconds)
    {
        var values = new List<double>();
        for (var s = 0; s < seconds; s++)
        {
            var block = patient.RenderWindow(Start + (long)(fromSeconds * 1000) + (s * 1000L), 1000).Single(c => c.Kind == kind);
            for (var i = 0; i < block.Count; i++)
            {
                values.Add(block.ValueAt(i));
            }
        }

        return [.. values];
    }

    /// <summary>Spot readings (time in s since start, value) of a kind over [0, seconds).</summary>
    public static List<(double Time, double Value)> Spots(VirtualPatient patient, SensorKind kind, int seconds)
    {
        var result = new List<(double, double)>();
        for (var s = 0; s < seconds; s++)
        {
            var block = patient.RenderWindow(Start + (s * 1000L), 1000).SingleOrDefault(c => c.Kind == kind);
            if (block is null)
            {
                continue;
            }

            for (var i = 0; i < block.Count; i++)
            {
                result.Add((s + (block.OffsetMsAt(i) / 1000), block.ValueAt(i)));
            }
        }

        return result;
    }

    /// <summary>Indices of local maxima above <paramref name="threshold"/> at least <paramref name="refractory"/> samples apart.</summary>
    public static List<int> Peaks(double[] x, double threshold, int refractory)
    {
        var peaks = new List<int>();
        for (var i = 1; i < x.Length - 1; i++)
        {
            if (x[i] > threshold && x[i] >= x[i - 1] && x[i] > x[i + 1])
            {
                if (peaks.Count > 0 && i - peaks[^1] < refractory)
                {
                    if (x[i] > x[peaks[^1]])
                    {
                        peaks[^1] = i;
                    }

                    continue;
                }

                peaks.Add(i);
            }
        }

        return peaks;
    }

    public static double Mean(IEnumerable<double> values) => values.Average();

    public static double CoefficientOfVariation(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        return sd / mean;
    }
}
