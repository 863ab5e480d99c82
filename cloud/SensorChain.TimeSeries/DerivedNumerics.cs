using SensorChain.Protocol;

namespace SensorChain.TimeSeries;

/// <summary>
/// Turns one accepted batch into time-series points: the window mean of each numeric channel (heart rate, SpO2,
/// temperature, glucose, respiration), every blood-pressure reading at its own time, and an activity magnitude from
/// the accelerometer (RMS of |a| − 1 g over the window, in g). Waveforms (ECG, PPG, EMG, GSR) are not written: they stay
/// in the stored raw batches. Channels flagged anything but Good or Incomplete are skipped.
/// </summary>
public static class DerivedNumerics
{
    /// <summary>Measurement name.</summary>
    public const string Measurement = "vitals";

    /// <summary>The one tag: the pseudonymous FHIR Patient id.</summary>
    public const string PatientTag = "patient";

    private const SignalQuality Usable = SignalQuality.Good | SignalQuality.Incomplete;

    /// <summary>Formats the batch's points as line protocol (timestamps in milliseconds).</summary>
    public static IReadOnlyList<string> ToLines(SensorBatch batch, string patientId)
    {
        var byTime = new SortedDictionary<long, List<KeyValuePair<string, double>>>();
        void Add(long timestamp, string field, double value)
        {
            if (!double.IsFinite(value))
            {
                return;
            }

            if (!byTime.TryGetValue(timestamp, out var fields))
            {
                byTime[timestamp] = fields = [];
            }

            fields.Add(new(field, value));
        }

        foreach (var channel in batch.Channels)
        {
            if (channel.Count == 0 || (channel.Quality & ~Usable) != 0 || FieldOf(channel.Kind) is not { } field)
            {
                continue;
            }

            if (channel.IsSpot)
            {
                for (var i = 0; i < channel.Count; i++)
                {
                    Add(batch.StartUnixMs + (long)channel.OffsetMsAt(i), field, channel.ValueAt(i));
                }
            }
            else
            {
                Add(batch.StartUnixMs, field, Mean(channel));
            }
        }

        if (Activity(batch) is { } activity)
        {
            Add(batch.StartUnixMs, VitalField.Activity, activity);
        }

        var tags = new[] { new KeyValuePair<string, string>(PatientTag, patientId) };
        var lines = new List<string>(byTime.Count);
        foreach (var (timestamp, fields) in byTime)
        {
            lines.Add(LineProtocol.Format(Measurement, tags, fields, timestamp));
        }

        return lines;
    }

    /// <summary>The field a numeric channel is written to, or null for waveforms and axes.</summary>
    public static string? FieldOf(SensorKind kind) => kind switch
    {
        SensorKind.HeartRate => VitalField.HeartRate,
        SensorKind.SpO2 => VitalField.SpO2,
        SensorKind.BodyTemperature => VitalField.Temperature,
        SensorKind.Glucose => VitalField.Glucose,
        SensorKind.BloodPressureSystolic => VitalField.Systolic,
        SensorKind.BloodPressureDiastolic => VitalField.Diastolic,
        SensorKind.BloodPressureMean => VitalField.MeanArterial,
        SensorKind.RespirationRate => VitalField.RespirationRate,
        _ => null,
    };

    private static double Mean(ChannelBlock channel)
    {
        double sum = 0;
        for (var i = 0; i < channel.Count; i++)
        {
            sum += channel.ValueAt(i);
        }

        return sum / channel.Count;
    }

    private static double? Activity(SensorBatch batch)
    {
        var x = batch.Channel(SensorKind.AccelX);
        var y = batch.Channel(SensorKind.AccelY);
        var z = batch.Channel(SensorKind.AccelZ);
        if (x is null || y is null || z is null || ((x.Quality | y.Quality | z.Quality) & ~Usable) != 0)
        {
            return null;
        }

        var n = Math.Min(x.Count, Math.Min(y.Count, z.Count));
        if (n == 0)
        {
            return null;
        }

        double sumSquares = 0;
        for (var i = 0; i < n; i++)
        {
            var (ax, ay, az) = (x.ValueAt(i), y.ValueAt(i), z.ValueAt(i));
            var deviation = Math.Sqrt((ax * ax) + (ay * ay) + (az * az)) - 1.0;
            sumSquares += deviation * deviation;
        }

        return Math.Sqrt(sumSquares / n);
    }
}
