using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Storage.Tests;

/// <summary>Signed batches with vital-sign channels for the time-series tests.</summary>
internal static class SinkData
{
    public static AcceptedBatch Accepted(DeviceKey key, string patientId, ulong sequence, long startUnixMs, double heartRate, SignalQuality spo2Quality = SignalQuality.Good)
    {
        var channels = new List<ChannelBlock>
        {
            ChannelBlock.FromValues(SensorKind.HeartRate, 1, [heartRate]),
            ChannelBlock.FromValues(SensorKind.SpO2, 2, [97, 98], spo2Quality),
            ChannelBlock.FromValues(SensorKind.Ecg, 250, Enumerable.Range(0, 250).Select(i => Math.Sin(i / 10.0)).ToArray()),
            ChannelBlock.FromSpotValues(SensorKind.BloodPressureSystolic, [121], [500]),
            ChannelBlock.FromValues(SensorKind.AccelX, 4, [0, 0, 0, 0]),
            ChannelBlock.FromValues(SensorKind.AccelY, 4, [0, 0, 0, 0]),
            ChannelBlock.FromValues(SensorKind.AccelZ, 4, [1.5, 1.5, 0.5, 0.5]),
        };
        var previous = sequence == 0 ? BatchHash.Zero : BatchHash.Compute(BitConverter.GetBytes(sequence));
        var batch = new SensorBatch(key.Id, sequence, previous, startUnixMs, 1000, new byte[16], channels);
        var signed = BatchCodec.Sign(batch, key);
        var enrollment = new DeviceEnrollment(key.Id, key.PublicKeySpki, patientId, DateTimeOffset.UnixEpoch);
        return new AcceptedBatch(signed, enrollment, DateTimeOffset.FromUnixTimeMilliseconds(startUnixMs + 1500), []);
    }
}
