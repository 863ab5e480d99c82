using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>A Mosquitto started with deploy/local/mosquitto.sh in a temporary folder, stopped on dispose.</summary>
internal sealed class LocalMosquitto : IAsyncDisposable
{
    private readonly string _script;

    private LocalMosquitto(string script, string dataDir, int port)
    {
        _script = script;
        DataDir = dataDir;
        Port = port;
    }

    public string DataDir { get; }

    public int Port { get; }

    /// <summary>The broker's process id (for CPU accounting), or null.</summary>
    public int? ProcessId => int.TryParse(File.Exists(Path.Combine(DataDir, "mosquitto.pid")) ? File.ReadAllText(Path.Combine(DataDir, "mosquitto.pid")).Trim() : null, out var pid) ? pid : null;

    public static async Task<LocalMosquitto> StartAsync(CancellationToken cancellationToken)
    {
        var script = FindScript() ?? throw new InvalidOperationException("deploy/local/mosquitto.sh not found above " + AppContext.BaseDirectory + "; pass --broker or set SENSORCHAIN_DEPLOY to the deploy folder.");
        var dir = Path.Combine(Path.GetTempPath(), "sensorchain-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var broker = new LocalMosquitto(script, dir, FreePort());
        await broker.RunAsync(cancellationToken, "start", dir, broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync(CancellationToken.None, "stop", DataDir);
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var psi = new ProcessStartInfo(_script) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot run " + _script);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto.sh {args[0]} failed: {await error}");
        }
    }

    private static string? FindScript() => DeployFolder() is { } deploy ? Path.Combine(deploy, "local", "mosquitto.sh") : null;

    /// <summary>The repository's deploy folder: $SENSORCHAIN_DEPLOY, or the first deploy/local/mosquitto.sh above the binary.</summary>
    public static string? DeployFolder()
    {
        if (Environment.GetEnvironmentVariable("SENSORCHAIN_DEPLOY") is { Length: > 0 } deploy)
        {
            return deploy;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "deploy", "local", "mosquitto.sh")))
            {
                return Path.Combine(dir.FullName, "deploy");
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
