using System.Buffers;
using SensorChain.FirmwareSim.Models;
using SensorChain.Protocol;

namespace SensorChain.FirmwareSim;

/// <summary>Turns a <see cref="VirtualPatient"/> into protocol channel blocks for one window.</summary>
internal static class WindowRenderer
{
    private const double MotionThreshold = 0.5;

    public static IReadOnlyList<ChannelBlock> Render(VirtualPatient p, long startUnixMs, uint durationMs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(durationMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(durationMs, BatchFormat.MaxDurationMs);
        ArgumentOutOfRangeException.ThrowIfNegative(startUnixMs);
        var endUnixMs = startUnixMs + durationMs;
        var t0 = p.SecondsAt(startUnixMs);
        var t1 = p.SecondsAt(endUnixMs);
        var beats = new List<Beat>((int)(durationMs / 250) + 16);
        p.FillBeats(t0 - 1.6, t1 + 0.6, beats);

        var leadsOff = AnyOver(p, startUnixMs, endUnixMs, p.EcgLeadsOff);
        var fingerOff = AnyOver(p, startUnixMs, endUnixMs, p.PpgFingerOff);
        var motion = MaxActivity(p, startUnixMs, endUnixMs) > MotionThreshold ? SignalQuality.Motion : SignalQuality.Good;
        var ecgQuality = (leadsOff ? SignalQuality.LeadOff : SignalQuality.Good) | motion;
        var ppgQuality = (fingerOff ? SignalQuality.Detached : SignalQuality.Good) | motion;

        var channels = new List<ChannelBlock>(15);
        var numericsQuality = fingerOff ? SignalQuality.Detached : motion;
        channels.Add(Numerics(p, SensorKind.HeartRate, startUnixMs, endUnixMs, fingerOff, numericsQuality, t => p.HeartRate(t), 1.0));
        channels.Add(Numerics(p, SensorKind.SpO2, startUnixMs, endUnixMs, fingerOff, numericsQuality, t => p.SpO2(t), 0.4));

        var cursor = 0;
        channels.Add(Regular(p, SensorKind.Ecg, SimulatorRates.EcgHz, startUnixMs, endUnixMs, ecgQuality, t => p.Ecg(t, beats, ref cursor)));
        var ppgCursor = 0;
        channels.Add(Regular(p, SensorKind.Ppg, SimulatorRates.PpgHz, startUnixMs, endUnixMs, ppgQuality, t => Math.Round(p.Ppg(t, beats, ref ppgCursor).Ir)));

        var times = new List<long>();
        var fromRel = startUnixMs - p.StartUnixMs;
        var toRel = endUnixMs - p.StartUnixMs;
        p.TemperatureSpots.Fill(fromRel, toRel, times);
        AddSpot(p, channels, SensorKind.BodyTemperature, times, fromRel, t => p.Temperature(t), 0.05, 1);

        p.GlucoseSpots.Fill(fromRel, toRel, times);
        AddSpot(p, channels, SensorKind.Glucose, times, fromRel, t => Math.Round(p.Glucose(t)), 2, 2);

        channels.Add(Regular(p, SensorKind.Gsr, SimulatorRates.GsrHz, startUnixMs, endUnixMs, SignalQuality.Good, p.GsrMicrosiemens));

        p.PressureSpots.Fill(fromRel, toRel, times);
        if (times.Count > 0)
        {
            var offsets = Offsets(times, fromRel);
            var sys = new double[times.Count];
            var dia = new double[times.Count];
            var map = new double[times.Count];
            for (var i = 0; i < times.Count; i++)
            {
                var (s, d) = p.BloodPressure(times[i] / 1000.0);
                s = Math.Round(s + (2 * DeterministicNoise.Gaussian(p.Seed, Streams.Spot, (times[i] * 8) + 3)));
                d = Math.Round(d + (1.5 * DeterministicNoise.Gaussian(p.Seed, Streams.Spot, (times[i] * 8) + 4)));
                sys[i] = s;
                dia[i] = d;
                map[i] = Math.Round(d + ((s - d) / 3));
            }

            channels.Add(ChannelBlock.FromSpotValues(SensorKind.BloodPressureSystolic, sys, offsets));
            channels.Add(ChannelBlock.FromSpotValues(SensorKind.BloodPressureDiastolic, dia, offsets));
            channels.Add(ChannelBlock.FromSpotValues(SensorKind.BloodPressureMean, map, (uint[])offsets.Clone()));
        }

        AddAccel(p, channels, startUnixMs, endUnixMs);
        channels.Add(Regular(p, SensorKind.Emg, SimulatorRates.EmgHz, startUnixMs, endUnixMs, SignalQuality.Good, p.EmgMillivolts));
        channels.Add(Numerics(p, SensorKind.RespirationRate, startUnixMs, endUnixMs, fingerOff, numericsQuality, t => p.RespirationRate(t), 0.4));
        return channels;
    }

    private delegate double Signal(double t);

    private static ChannelBlock Regular(VirtualPatient p, SensorKind kind, int rateHz, long startUnixMs, long endUnixMs, SignalQuality quality, Signal signal)
    {
        var period = 1000 / rateHz;
        var (first, count) = Grid(startUnixMs, endUnixMs, period);
        var buffer = ArrayPool<double>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                buffer[i] = signal(p.SecondsAt((first + i) * period));
            }

            return ChannelBlock.FromValues(kind, rateHz, buffer.AsSpan(0, count), quality);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static ChannelBlock Numerics(VirtualPatient p, SensorKind kind, long startUnixMs, long endUnixMs, bool fingerOff, SignalQuality quality, Signal truth, double noise)
    {
        if (fingerOff)
        {
            // An oximeter shows no numbers without a finger: the channel is empty and flagged.
            return ChannelBlock.FromValues(kind, SimulatorRates.NumericsHz, [], quality);
        }

        const int period = 1000 / SimulatorRates.NumericsHz;
        var (first, count) = Grid(startUnixMs, endUnixMs, period);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var k = first + i;
            var value = truth(p.SecondsAt(k * period)) + (noise * DeterministicNoise.Gaussian(p.Seed, Streams.Numerics, (k * 16) + (int)kind));
            values[i] = Math.Min(kind == SensorKind.SpO2 ? 100 : double.MaxValue, Math.Round(value));
        }

        return ChannelBlock.FromValues(kind, SimulatorRates.NumericsHz, values, quality);
    }

    private static void AddSpot(VirtualPatient p, List<ChannelBlock> channels, SensorKind kind, List<long> times, long fromRel, Signal truth, double noise, int salt)
    {
        if (times.Count == 0)
        {
            return;
        }

        var values = new double[times.Count];
        for (var i = 0; i < times.Count; i++)
        {
            values[i] = truth(times[i] / 1000.0) + (noise * DeterministicNoise.Gaussian(p.Seed, Streams.Spot, (times[i] * 8) + salt));
        }

        channels.Add(ChannelBlock.FromSpotValues(kind, values, Offsets(times, fromRel)));
    }

    private static void AddAccel(VirtualPatient p, List<ChannelBlock> channels, long startUnixMs, long endUnixMs)
    {
        const int period = 1000 / SimulatorRates.AccelHz;
        var (first, count) = Grid(startUnixMs, endUnixMs, period);
        var x = new double[count];
        var y = new double[count];
        var z = new double[count];
        for (var i = 0; i < count; i++)
        {
            (x[i], y[i], z[i]) = p.AccelG(p.SecondsAt((first + i) * period));
        }

        channels.Add(ChannelBlock.FromValues(SensorKind.AccelX, SimulatorRates.AccelHz, x));
        channels.Add(ChannelBlock.FromValues(SensorKind.AccelY, SimulatorRates.AccelHz, y));
        channels.Add(ChannelBlock.FromValues(SensorKind.AccelZ, SimulatorRates.AccelHz, z));
    }

    private static uint[] Offsets(List<long> times, long fromRel)
    {
        var offsets = new uint[times.Count];
        for (var i = 0; i < times.Count; i++)
        {
            offsets[i] = checked((uint)(times[i] - fromRel));
        }

        return offsets;
    }

    /// <summary>Grid samples k × period (Unix ms) inside [start, end): the first k and how many.</summary>
    private static (long First, int Count) Grid(long startUnixMs, long endUnixMs, long period)
    {
        var first = (startUnixMs + period - 1) / period;
        var end = (endUnixMs + period - 1) / period;
        return (first, checked((int)(end - first)));
    }

    private static bool AnyOver(VirtualPatient p, long startUnixMs, long endUnixMs, Func<double, bool> predicate)
    {
        for (var ms = startUnixMs; ms < endUnixMs; ms += 100)
        {
            if (predicate(p.SecondsAt(ms)))
            {
                return true;
            }
        }

        return predicate(p.SecondsAt(endUnixMs - 1));
    }

    private static double MaxActivity(VirtualPatient p, long startUnixMs, long endUnixMs)
    {
        var max = 0.0;
        for (var ms = startUnixMs; ms < endUnixMs; ms += 100)
        {
            max = Math.Max(max, p.Activity(p.SecondsAt(ms)));
        }

        return max;
    }
}
