using SensorChain.Protocol;
using SensorChain.TimeSeries;

namespace SensorChain.Storage.Tests;

public sealed class DerivedNumericsTests
{
    [Fact]
    public void Numerics_are_written_per_window_and_waveforms_are_not()
    {
        using var key = DeviceKey.Create();
        var accepted = SinkData.Accepted(key, "pat-1", 0, 1_000_000, 72);
        var lines = DerivedNumerics.ToLines(accepted.Batch, accepted.PatientId);
        Assert.Equal(2, lines.Count);
        Assert.Equal("vitals,patient=pat-1 heart_rate=72,spo2=97.5,activity=0.5 1000000", lines[0]);
        Assert.Equal("vitals,patient=pat-1 bp_systolic=121 1000500", lines[1]);
        Assert.DoesNotContain(lines, l => l.Contains("ecg", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Channels_flagged_detached_are_skipped()
    {
        using var key = DeviceKey.Create();
        var accepted = SinkData.Accepted(key, "pat-1", 0, 1_000_000, 72, SignalQuality.Detached);
        var lines = DerivedNumerics.ToLines(accepted.Batch, accepted.PatientId);
        Assert.DoesNotContain(lines, l => l.Contains("spo2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("heart_rate=72", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_patient_pseudonym_is_a_tag()
    {
        using var key = DeviceKey.Create();
        var accepted = SinkData.Accepted(key, "pat-9", 0, 5, 60);
        foreach (var line in DerivedNumerics.ToLines(accepted.Batch, accepted.PatientId))
        {
            Assert.StartsWith("vitals,patient=pat-9 ", line, StringComparison.Ordinal);
            Assert.DoesNotContain(key.Id.ToString(), line, StringComparison.Ordinal);
        }
    }
}
