using SensorChain.Protocol;

namespace SensorChain.Clinical.Detection;

/// <summary>The last few seconds of one patient's ECG with the artifact flags seen in them.</summary>
internal sealed class EcgBuffer(TimeSpan keep)
{
    private readonly List<(double[] Samples, long Start, bool Artifact)> _blocks = [];
    private long? _lastAnalysis;

    public double RateHz { get; private set; }

    public double Seconds => RateHz <= 0 ? 0 : _blocks.Sum(b => b.Samples.Length) / RateHz;

    public bool HasArtifact => _blocks.Any(b => b.Artifact);

    public void Add(ChannelBlock c, long start)
    {
        if (c.IsSpot || c.Count == 0)
        {
            return;
        }

        if (Math.Abs(c.SampleRateHz - RateHz) > 1e-9)
        {
            _blocks.Clear();
            RateHz = c.SampleRateHz;
        }

        var samples = new double[c.Count];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = c.ValueAt(i);
        }

        // A gap in the data restarts the buffer (a rhythm must not be inferred across missing data).
        if (_blocks.Count > 0)
        {
            var last = _blocks[^1];
            var expected = last.Start + (long)(last.Samples.Length * 1000 / RateHz);
            if (Math.Abs(start - expected) > 100)
            {
                _blocks.Clear();
            }
        }

        var artifact = (c.Quality & (SignalQuality.LeadOff | SignalQuality.Motion | SignalQuality.Saturated | SignalQuality.DeviceFault)) != 0;
        _blocks.Add((samples, start, artifact));
        var end = start + (long)(samples.Length * 1000 / RateHz);
        _blocks.RemoveAll(b => b.Start < end - (long)keep.TotalMilliseconds);
    }

    public bool Due(long now, TimeSpan every)
    {
        if (_lastAnalysis is { } last && now - last < every.TotalMilliseconds)
        {
            return false;
        }

        _lastAnalysis = now;
        return true;
    }

    public double[] Samples() => [.. _blocks.SelectMany(b => b.Samples)];
}
