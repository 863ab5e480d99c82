using SensorChain.Clinical.Ecg;
using SensorChain.Clinical.News2;
using SensorChain.Protocol;

namespace SensorChain.Clinical.Detection;

/// <summary>
/// All condition detectors of one patient, fed batch by batch in time order. Numerics flagged Detached, LeadOff or
/// Motion are ignored (artifacts never raise SpO2 / heart-rate / rhythm alarms); criteria must persist before a
/// condition is raised. Not thread-safe: one instance per patient, one batch at a time.
/// </summary>
public sealed class PatientDetector(string patientId, PatientDetectorOptions? options = null)
{
    private const SignalQuality Artifact = SignalQuality.Detached | SignalQuality.LeadOff | SignalQuality.Motion
        | SignalQuality.DeviceFault | SignalQuality.Stuck | SignalQuality.Saturated;

    private static readonly TimeSpan SpotReadings = TimeSpan.FromSeconds(10);
    private readonly PatientDetectorOptions _options = options ?? PatientDetectorOptions.Default;
    private readonly TimedSeries _hr = new(TimeSpan.FromMinutes(2));
    private readonly TimedSeries _spo2 = new(TimeSpan.FromMinutes(2));
    private readonly TimedSeries _resp = new(TimeSpan.FromMinutes(2));
    private readonly TimedSeries _temp = new(TimeSpan.FromHours(2));
    private readonly TimedSeries _glucose = new(TimeSpan.FromHours(2));
    private readonly TimedSeries _sys = new(TimeSpan.FromHours(2));
    private readonly TimedSeries _dia = new(TimeSpan.FromHours(2));
    private readonly EcgBuffer _ecg = new(TimeSpan.FromSeconds(30));
    private readonly FallDetector _fall = new();
    private readonly Dictionary<string, Persistence> _states = [];
    private EcgRhythm _lastRhythm = EcgRhythm.Unknown;

    /// <summary>The patient.</summary>
    public string PatientId { get; } = patientId;

    /// <summary>The last ECG rhythm verdict.</summary>
    public EcgRhythm LastRhythm => _lastRhythm;

    /// <summary>Processes one batch window; returns the conditions raised or resolved by it.</summary>
    public IReadOnlyList<ConditionEvent> Process(long startUnixMs, uint durationMs, IReadOnlyList<ChannelBlock> channels)
    {
        var events = new List<ConditionEvent>();
        var end = startUnixMs + durationMs;
        var detached = false;
        ChannelBlock? ax = null, ay = null, az = null;
        foreach (var c in channels)
        {
            detached |= (c.Kind is SensorKind.Ecg && c.Quality.HasFlag(SignalQuality.LeadOff))
                || (c.Kind is SensorKind.Ppg or SensorKind.SpO2 && c.Quality.HasFlag(SignalQuality.Detached));
            switch (c.Kind)
            {
                case SensorKind.HeartRate: AddNumerics(_hr, c, startUnixMs); break;
                case SensorKind.SpO2: AddNumerics(_spo2, c, startUnixMs); break;
                case SensorKind.RespirationRate: AddNumerics(_resp, c, startUnixMs); break;
                case SensorKind.BodyTemperature: AddNumerics(_temp, c, startUnixMs); break;
                case SensorKind.Glucose: AddNumerics(_glucose, c, startUnixMs); break;
                case SensorKind.BloodPressureSystolic: AddNumerics(_sys, c, startUnixMs); break;
                case SensorKind.BloodPressureDiastolic: AddNumerics(_dia, c, startUnixMs); break;
                case SensorKind.Ecg: _ecg.Add(c, startUnixMs); break;
                case SensorKind.AccelX: ax = c; break;
                case SensorKind.AccelY: ay = c; break;
                case SensorKind.AccelZ: az = c; break;
                default: break;
            }
        }

        Check(events, ClinicalCondition.SensorDetached, detached, end, AlertSeverity.Advisory, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), "sensor off the body (lead-off / finger off)");
        EvaluateVitals(events, end);
        EvaluateSpots(events, startUnixMs, end, channels);
        EvaluateEcg(events, end);
        if (ax is not null && ay is not null && az is not null && !ax.IsSpot)
        {
            var impact = _fall.Add(startUnixMs, ax.SampleRateHz, Values(ax), Values(ay), Values(az));
            if (impact is { } at)
            {
                events.Add(new ConditionEvent(PatientId, ClinicalCondition.Fall, true, AlertSeverity.High, DateTimeOffset.FromUnixTimeMilliseconds(at), "impact, orientation change, lying still"));
            }
        }

        return events;
    }

    private void EvaluateVitals(List<ConditionEvent> events, long now)
    {
        var window = TimeSpan.FromSeconds(10);
        var hr = _hr.Median(now, window, 3);
        var spo2 = _spo2.Median(now, window, 3);
        if (hr is { } h)
        {
            Check(events, ClinicalCondition.Tachycardia, h > _options.TachycardiaBpm, now, h > 150 ? AlertSeverity.High : AlertSeverity.Medium, _options.VitalPersistence, TimeSpan.FromSeconds(30), $"heart rate {h:F0}/min");
            Check(events, ClinicalCondition.Bradycardia, h < _options.BradycardiaBpm, now, h < 35 ? AlertSeverity.High : AlertSeverity.Medium, _options.VitalPersistence, TimeSpan.FromSeconds(30), $"heart rate {h:F0}/min");
        }

        if (spo2 is { } s)
        {
            var limit = _options.SpO2Scale == SpO2Scale.Scale1 ? 91.5 : 87.5;
            Check(events, ClinicalCondition.Desaturation, s < limit, now, s < limit - 6 ? AlertSeverity.High : AlertSeverity.Medium, _options.VitalPersistence, TimeSpan.FromSeconds(30), $"SpO2 {s:F0} %");
        }

        var inputs = new News2Inputs(
            _resp.Median(now, TimeSpan.FromSeconds(30), 3),
            _spo2.Median(now, TimeSpan.FromSeconds(30), 3),
            _sys.MedianOfLast(now, TimeSpan.FromHours(1), 3),
            _hr.Median(now, TimeSpan.FromSeconds(30), 3),
            _temp.MedianOfLast(now, TimeSpan.FromHours(1), 2),
            _options.SpO2Scale);
        if (inputs.Pulse is null && inputs.SpO2 is null && inputs.RespirationRate is null)
        {
            return;
        }

        var news = News2Scorer.Score(inputs);
        Check(events, ClinicalCondition.News2Urgent, news.Total >= 5 || news.HasRedScore, now, AlertSeverity.Medium, _options.News2Persistence, TimeSpan.FromMinutes(1), $"NEWS2 {news.Total}{(news.HasRedScore ? " (single parameter 3)" : string.Empty)}");
        Check(events, ClinicalCondition.News2Emergency, news.Total >= 7, now, AlertSeverity.High, _options.News2Persistence, TimeSpan.FromMinutes(1), $"NEWS2 {news.Total}");
    }

    private void EvaluateSpots(List<ConditionEvent> events, long start, long now, IReadOnlyList<ChannelBlock> channels)
    {
        // Spot readings: two consecutive readings beyond the limit (a single reading below 54 mg/dL is enough).
        foreach (var c in channels)
        {
            if (!c.IsSpot || c.Count == 0 || (c.Quality & Artifact) != 0)
            {
                continue;
            }

            var at = start + (long)c.OffsetMsAt(c.Count - 1);
            var v = c.ValueAt(c.Count - 1);
            switch (c.Kind)
            {
                case SensorKind.BodyTemperature:
                    Check(events, ClinicalCondition.Fever, v >= _options.FeverCelsius, at, v >= 39.5 ? AlertSeverity.Medium : AlertSeverity.Low, SpotReadings, SpotReadings, $"temperature {v:F1} °C");
                    break;
                case SensorKind.Glucose:
                    if (v < 54)
                    {
                        Check(events, ClinicalCondition.Hypoglycemia, true, at, AlertSeverity.High, TimeSpan.Zero, SpotReadings, $"glucose {v:F0} mg/dL (level 2)");
                    }
                    else
                    {
                        Check(events, ClinicalCondition.Hypoglycemia, v < 70, at, AlertSeverity.Medium, SpotReadings, SpotReadings, $"glucose {v:F0} mg/dL");
                    }

                    Check(events, ClinicalCondition.Hyperglycemia, v > _options.HyperglycemiaMgDl, at, v > 400 ? AlertSeverity.High : AlertSeverity.Medium, SpotReadings, SpotReadings, $"glucose {v:F0} mg/dL");
                    break;
                case SensorKind.BloodPressureSystolic:
                    var dia = _dia.Latest(now, TimeSpan.FromSeconds(5)) ?? 0;
                    Check(events, ClinicalCondition.HypertensiveCrisis, v >= 180 || dia >= 120, at, AlertSeverity.High, SpotReadings, SpotReadings, $"blood pressure {v:F0}/{dia:F0} mmHg");
                    Check(events, ClinicalCondition.Hypotension, v < 90, at, v < 80 ? AlertSeverity.High : AlertSeverity.Medium, SpotReadings, SpotReadings, $"systolic {v:F0} mmHg");
                    break;
                default:
                    break;
            }
        }
    }

    private void EvaluateEcg(List<ConditionEvent> events, long now)
    {
        if (!_ecg.Due(now, TimeSpan.FromSeconds(5)) || _ecg.Seconds < 20)
        {
            return;
        }

        if (_ecg.HasArtifact)
        {
            _lastRhythm = EcgRhythm.Noise;
            return;
        }

        var analysis = RhythmAnalyzer.Analyze(_ecg.Samples(), _ecg.RateHz);
        _lastRhythm = analysis.Rhythm;
        if (analysis.Rhythm is EcgRhythm.LeadOff or EcgRhythm.Noise or EcgRhythm.Unknown)
        {
            return;
        }

        Check(events, ClinicalCondition.AtrialFibrillation, analysis.Rhythm == EcgRhythm.AtrialFibrillation, now, AlertSeverity.Medium, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), $"irregularly irregular rhythm, {analysis.HeartRateBpm:F0}/min");
        Check(events, ClinicalCondition.VentricularFibrillation, analysis.Rhythm == EcgRhythm.VentricularFlutter, now, AlertSeverity.High, TimeSpan.Zero, TimeSpan.FromSeconds(10), "ventricular flutter/fibrillation: no discrete QRS complexes");
        Check(events, ClinicalCondition.Asystole, analysis.Rhythm == EcgRhythm.Asystole, now, AlertSeverity.High, TimeSpan.Zero, TimeSpan.FromSeconds(10), "no QRS for 6 s on a good-quality trace");
    }

    private void Check(List<ConditionEvent> events, string condition, bool criterion, long at, AlertSeverity severity, TimeSpan raiseAfter, TimeSpan clearAfter, string detail)
    {
        if (!_states.TryGetValue(condition, out var state))
        {
            state = new Persistence(raiseAfter, clearAfter);
            _states[condition] = state;
        }

        var change = state.Update(criterion, at);
        if (change != 0)
        {
            events.Add(new ConditionEvent(PatientId, condition, change > 0, severity, DateTimeOffset.FromUnixTimeMilliseconds(at), detail));
        }
        else if (state.Active && criterion && severity == AlertSeverity.High)
        {
            // Severity may rise while active (e.g. hypoglycaemia level 1 → level 2): the alarm system escalates.
            events.Add(new ConditionEvent(PatientId, condition, true, severity, DateTimeOffset.FromUnixTimeMilliseconds(at), detail));
        }
    }

    private static void AddNumerics(TimedSeries series, ChannelBlock c, long start)
    {
        if ((c.Quality & Artifact) != 0)
        {
            return;
        }

        for (var i = 0; i < c.Count; i++)
        {
            series.Add(start + (long)c.OffsetMsAt(i), c.ValueAt(i));
        }
    }

    private static double[] Values(ChannelBlock c)
    {
        var v = new double[c.Count];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = c.ValueAt(i);
        }

        return v;
    }
}
