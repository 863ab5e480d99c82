using System.Globalization;
using SensorChain.Edge.Gateway;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Storage;

namespace SensorChain.Cli.Hosting;

/// <summary>Prints the demo's live progress line and its closing summary.</summary>
internal sealed class DemoProgress(TextWriter output, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long _lastTimestamp = time.GetTimestamp();
    private long _lastAccepted;

    public async Task ReportAsync(IReadOnlyList<GatewayInstance> gateways, IngestStatistics stats)
    {
        var now = time.GetTimestamp();
        var seconds = time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        var rate = seconds > 0 ? (stats.Accepted - _lastAccepted) / seconds : 0;
        _lastAccepted = stats.Accepted;
        _lastTimestamp = now;
        var pending = 0L;
        foreach (var gateway in gateways)
        {
            var s = gateway.Gateway.Stats;
            pending += s.Signed - s.Acknowledged;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"[{time.GetElapsedTime(_started).TotalSeconds,5:F0}s] patients={gateways.Count} batches/s={rate:F1} accepted={stats.Accepted} observations={stats.Observations} rejected={stats.RejectedTotal} duplicates={stats.Duplicates} pending={pending}"));
    }

    public async Task SummaryAsync(IReadOnlyList<GatewayInstance> gateways, IngestStatistics stats, IIngestStore store)
    {
        long signed = 0, samples = 0, failures = 0;
        foreach (var gateway in gateways)
        {
            var s = gateway.Gateway.Stats;
            signed += s.Signed;
            samples += s.Samples;
            failures += s.PublishFailures;
        }

        long missing = 0;
        foreach (var gateway in gateways)
        {
            missing += (await store.GetChainHeadAsync(gateway.Key.Id, CancellationToken.None))?.MissingCount ?? 0;
        }

        await output.WriteLineAsync("Summary");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  ran {time.GetElapsedTime(_started).TotalSeconds:F0} s: {gateways.Count} patients, {signed} batches signed ({samples} samples), {failures} publish retries"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  cloud: {stats.Accepted} accepted, {stats.Duplicates} duplicates, {stats.RejectedTotal} rejected, {stats.Observations} observations, {missing} sequence gaps open"));
        foreach (var (reason, count) in stats.Rejected.Where(r => r.Value > 0))
        {
            await output.WriteLineAsync($"  rejected {reason}: {count}");
        }
    }
}
