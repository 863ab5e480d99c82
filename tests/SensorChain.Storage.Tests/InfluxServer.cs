using System.Text.Json;
using SensorChain.TestSupport;

namespace SensorChain.Storage.Tests;

/// <summary>A real InfluxDB 1.x started by deploy/local/influxdb.sh in a fresh folder.</summary>
public sealed class InfluxServer : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "sensorchain-influx-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly int? _port;

    /// <summary>Used by xunit: any free port in the script's range.</summary>
    public InfluxServer()
    {
    }

    /// <summary>On a given port.</summary>
    public static InfluxServer OnPort(int port) => new(port);

    private InfluxServer(int port) => _port = port;

    /// <summary>Base URL, e.g. http://127.0.0.1:18086/.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var url = _port is { } port
            ? await LocalServerScript.RunAsync("influxdb.sh", "start", _dataDir, port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : await LocalServerScript.RunAsync("influxdb.sh", "start", _dataDir);
        BaseUri = new Uri(url.TrimEnd('/') + "/");
    }

    /// <summary>Runs an InfluxQL query against database 'sensorchain' and returns the first series' values.</summary>
    public async Task<List<JsonElement[]>> QueryAsync(string influxQl)
    {
        using var http = new HttpClient();
        using var content = new FormUrlEncodedContent([new("db", "sensorchain"), new("q", influxQl), new("epoch", "ms")]);
        using var response = await http.PostAsync(new Uri(BaseUri, "query"), content);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = new List<JsonElement[]>();
        var result = document.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("series", out var series))
        {
            foreach (var row in series[0].GetProperty("values").EnumerateArray())
            {
                rows.Add(row.EnumerateArray().Select(v => v.Clone()).ToArray());
            }
        }

        return rows;
    }


    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        try
        {
            await LocalServerScript.RunAsync("influxdb.sh", "stop", _dataDir);
        }
        finally
        {
            try
            {
                Directory.Delete(_dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
