using SensorChain.Protocol;
using SensorChain.TestSupport;
using SensorChain.TimeSeries;

namespace SensorChain.Storage.Tests;

public sealed class TimeSeriesSinkTests : IClassFixture<InfluxServer>
{
    private readonly InfluxServer _influx;

    public TimeSeriesSinkTests(InfluxServer influx) => _influx = influx;

    [Fact]
    public async Task Points_written_by_the_sink_can_be_queried_back()
    {
        using var http = new HttpClient();
        await using var sink = new TimeSeriesSink(http, new TimeSeriesSinkOptions(_influx.BaseUri), TimeProvider.System);
        using var key = DeviceKey.Create();
        var patient = "q-" + Guid.NewGuid().ToString("N")[..8];
        for (ulong s = 0; s < 5; s++)
        {
            await sink.HandleAsync(SinkData.Accepted(key, patient, s, 1_700_000_000_000 + ((long)s * 1000), 70 + s), CancellationToken.None);
        }

        Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(10, sink.Stats.Written);
        Assert.Equal(0, sink.Stats.Dropped);
        var rows = await _influx.QueryAsync($"SELECT heart_rate, spo2, activity FROM vitals WHERE patient = '{patient}' AND heart_rate > 0 ORDER BY time");
        Assert.Equal(5, rows.Count);
        Assert.Equal(1_700_000_000_000, rows[0][0].GetInt64());
        Assert.Equal([70.0, 71, 72, 73, 74], rows.Select(r => r[1].GetDouble()));
        Assert.All(rows, r => Assert.Equal(97.5, r[2].GetDouble()));
        Assert.All(rows, r => Assert.Equal(0.5, r[3].GetDouble(), 6));
    }

    [Fact]
    public async Task Server_down_buffers_within_the_bound_counts_drops_and_delivers_the_rest_later()
    {
        var port = LoopbackPorts.Next();
        using var http = new HttpClient();
        var options = new TimeSeriesSinkOptions(new Uri($"http://127.0.0.1:{port}/"), Capacity: 10, BatchSize: 4, MaxRetryDelay: TimeSpan.FromMilliseconds(200));
        await using var sink = new TimeSeriesSink(http, options, TimeProvider.System);
        var patient = "down-" + Guid.NewGuid().ToString("N")[..8];
        using var key = DeviceKey.Create();
        for (var i = 0; i < 30; i++)
        {
            var handled = sink.HandleAsync(SinkData.Accepted(key, patient, (ulong)i, 1_700_000_100_000 + (i * 1000L), 60 + i), CancellationToken.None);
            Assert.True(handled.IsCompletedSuccessfully, "HandleAsync must not wait for the server");
        }

        // 30 batches → 60 points (numerics + one cuff reading each); at most Capacity + BatchSize can be held.
        var stats = sink.Stats;
        Assert.Equal(60, stats.Enqueued);
        Assert.Equal(0, stats.Written);
        Assert.True(stats.Dropped >= 60 - 10 - 4, $"dropped {stats.Dropped}");
        Assert.Equal(60, stats.Dropped + stats.Pending);

        await using var late = InfluxServer.OnPort(port);
        await late.InitializeAsync();
        Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        stats = sink.Stats;
        Assert.Equal(60, stats.Written + stats.Dropped);
        Assert.True(stats.FailedWrites > 0);
        var rows = await late.QueryAsync($"SELECT count(*) FROM vitals WHERE patient = '{patient}'");
        var points = await late.QueryAsync($"SELECT * FROM vitals WHERE patient = '{patient}'");
        Assert.Equal(stats.Written, points.Count);
        Assert.Single(rows);
    }
}
