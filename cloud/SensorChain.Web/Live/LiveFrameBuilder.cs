using SensorChain.Ingest.Pipeline;
using SensorChain.Protocol;
using SensorChain.Web.Consent;

namespace SensorChain.Web.Live;

/// <summary>Turns an accepted batch into a <see cref="LiveFrame"/>.</summary>
public static class LiveFrameBuilder
{
    /// <summary>Builds the frame of <paramref name="batch"/>.</summary>
    public static LiveFrame Build(AcceptedBatch batch)
    {
        var b = batch.Batch;
        var waves = new List<LiveWave>();
        foreach (var channel in b.Channels)
        {
            var (name, category) = channel.Kind switch
            {
                SensorKind.Ecg => ("ecg", DataCategory.Waveforms),
                SensorKind.Ppg => ("ppg", DataCategory.Waveforms),
                SensorKind.Emg => ("emg", DataCategory.Waveforms),
                SensorKind.AccelX => ("accelX", DataCategory.Location),
                SensorKind.AccelY => ("accelY", DataCategory.Location),
                SensorKind.AccelZ => ("accelZ", DataCategory.Location),
                _ => (null, DataCategory.Vitals),
            };
            if (name is null || channel.IsSpot)
            {
                continue;
            }

            var values = new double[channel.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Math.Round(channel.ValueAt(i), 4);
            }

            waves.Add(new LiveWave(name, channel.Unit, channel.SampleRateHz, values, category));
        }

        var vitals = new VitalsSnapshot(b.StartUnixMs,
            Mean(b, SensorKind.HeartRate), Mean(b, SensorKind.SpO2), Mean(b, SensorKind.BodyTemperature), Mean(b, SensorKind.RespirationRate),
            Last(b, SensorKind.BloodPressureSystolic), Last(b, SensorKind.BloodPressureDiastolic), Last(b, SensorKind.Glucose));
        return new LiveFrame(batch.PatientId, b.StartUnixMs, b.DurationMs, b.Sequence, waves, vitals);
    }

    private static double? Mean(SensorBatch batch, SensorKind kind)
    {
        var channel = batch.Channel(kind);
        if (channel is null || channel.Count == 0 || channel.Quality.HasFlag(SignalQuality.Detached) || channel.Quality.HasFlag(SignalQuality.DeviceFault))
        {
            return null;
        }

        var sum = 0.0;
        for (var i = 0; i < channel.Count; i++)
        {
            sum += channel.ValueAt(i);
        }

        return Math.Round(sum / channel.Count, 2);
    }

    private static double? Last(SensorBatch batch, SensorKind kind)
    {
        var channel = batch.Channel(kind);
        return channel is null || channel.Count == 0 ? null : Math.Round(channel.ValueAt(channel.Count - 1), 2);
    }
}
