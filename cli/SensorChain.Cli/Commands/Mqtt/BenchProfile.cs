using System.Diagnostics;
using System.Globalization;
using SensorChain.Protocol;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>Where the ingester's time goes: each step timed alone, single-threaded, over a sample of the run's batches.</summary>
internal static class BenchProfile
{
    public static string Measure(BenchFleet fleet, int count)
    {
        var samples = new List<(byte[] Bytes, DeviceKey Key)>();
        for (var i = 0; samples.Count < count && i < fleet.Keys.Length * fleet.Batches[0].Length; i++)
        {
            var p = i % fleet.Keys.Length;
            var s = (i / fleet.Keys.Length) % fleet.Batches[p].Length;
            samples.Add((fleet.Batches[p][s], fleet.Keys[p]));
        }

        var decoded = new SignedBatch[samples.Count];
        var decode = Stopwatch.StartNew();
        for (var i = 0; i < samples.Count; i++)
        {
            decoded[i] = BatchCodec.Decode(samples[i].Bytes);
        }

        decode.Stop();
        var verify = Stopwatch.StartNew();
        var valid = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            valid += BatchCodec.VerifySignature(decoded[i], samples[i].Key.Key) ? 1 : 0;
        }

        verify.Stop();
        double Us(Stopwatch w) => w.Elapsed.TotalMicroseconds / samples.Count;
        return string.Create(CultureInfo.InvariantCulture, $"profile ({samples.Count} batches, one thread): decode {Us(decode):F0} us, verify signature {Us(verify):F0} us per batch ({valid} valid)");
    }
}
