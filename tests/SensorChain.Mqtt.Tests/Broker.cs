using System.Diagnostics;
using SensorChain.TestSupport;
using SensorChain.Transport.Mqtt;

namespace SensorChain.Mqtt.Tests;

/// <summary>A real Mosquitto started by deploy/local/mosquitto.sh on free loopback ports, data in a temp folder.</summary>
public sealed class Broker : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();

    private Broker(int port, int tlsPort)
    {
        Port = port;
        TlsPort = tlsPort;
    }

    /// <summary>Plain listener port.</summary>
    public int Port { get; }

    /// <summary>TLS listener port (client certificates required).</summary>
    public int TlsPort { get; }

    /// <summary>The broker's data folder.</summary>
    public string DataDir => _dir.Path;

    /// <summary>PKI folder created by pki.sh.</summary>
    public string Pki => Path.Combine(_dir.Path, "pki");

    /// <summary>The CA certificate.</summary>
    public string CaFile => Path.Combine(Pki, "ca.crt");

    /// <summary>Starts a broker.</summary>
    public static async Task<Broker> StartAsync()
    {
        var ports = LoopbackPorts.Next(2);
        var broker = new Broker(ports[0], ports[1]);
        await broker.RestartAsync();
        return broker;
    }

    /// <summary>Runs the start script (again).</summary>
    public Task RestartAsync() => Script("mosquitto.sh", "start", DataDir, Port.ToString(), TlsPort.ToString());

    /// <summary>Stops the broker cleanly (SIGTERM).</summary>
    public Task StopAsync() => Script("mosquitto.sh", "stop", DataDir);

    /// <summary>Options for the ingester client "ingest" over TLS.</summary>
    public MqttConnectionOptions IngestTls(string clientId) => new()
    {
        Host = "127.0.0.1",
        Port = TlsPort,
        ClientId = clientId,
        CaFile = CaFile,
        CertFile = Path.Combine(Pki, "clients", "ingest.crt"),
        KeyFile = Path.Combine(Pki, "clients", "ingest.key"),
        ReconnectMin = TimeSpan.FromMilliseconds(100),
        ReconnectMax = TimeSpan.FromSeconds(1),
    };

    /// <summary>Options for a device over TLS with its own key certified by pki.sh.</summary>
    public async Task<MqttConnectionOptions> DeviceTlsAsync(string keyPemPath, string deviceId)
    {
        var id = (await Script("pki.sh", "device", Pki, keyPemPath)).Trim();
        Assert.Equal(deviceId, id);
        return new MqttConnectionOptions
        {
            Host = "127.0.0.1",
            Port = TlsPort,
            ClientId = deviceId,
            CaFile = CaFile,
            CertFile = Path.Combine(Pki, "devices", id + ".crt"),
            KeyFile = keyPemPath,
            ReconnectMin = TimeSpan.FromMilliseconds(100),
            ReconnectMax = TimeSpan.FromSeconds(1),
        };
    }

    /// <summary>The retained message on <paramref name="topic"/> read with <c>mosquitto_sub</c> as the ingest client, or empty when there is none (or the read timed out: poll).</summary>
    public async Task<string> ReadRetainedAsync(string topic)
    {
        var psi = new ProcessStartInfo("mosquitto_sub") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-V", "5", "-h", "127.0.0.1", "-p", TlsPort.ToString(), "--cafile", CaFile,
            "--cert", Path.Combine(Pki, "clients", "ingest.crt"), "--key", Path.Combine(Pki, "clients", "ingest.key"),
            "-t", topic, "-C", "1", "-W", "5", "--retained-only" })
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            return (await Run(psi)).Trim();
        }
        catch (InvalidOperationException)
        {
            return string.Empty;
        }
    }

    /// <summary>Runs a deploy/local script and returns its standard output; fails the test with its error output.</summary>
    public static async Task<string> Script(string script, params string[] args)
    {
        var psi = new ProcessStartInfo(RepoPaths.InRepo("deploy", "local", script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        return await Run(psi);
    }

    /// <summary>Runs a process to completion.</summary>
    public static async Task<string> Run(ProcessStartInfo psi)
    {
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{psi.FileName} {string.Join(' ', psi.ArgumentList)} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }


    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _dir.Dispose();
    }
}
