using System.Diagnostics;
using SensorChain.TestSupport;

namespace SensorChain.Ledger.Tests;

/// <summary>A 3-member etcd cluster on 127.0.0.1 started through deploy/local/etcd.sh (clients 23794–23796).</summary>
public sealed class EtcdCluster : IDisposable
{
    private readonly TempDirectory _dir = new();

    public EtcdCluster()
    {
        Endpoints = Run($"start {_dir.Path} 3 23794 23804").Trim().Split('\n')[^1].Split(',');
    }

    public IReadOnlyList<string> Endpoints { get; }

    /// <summary>kill -9 of member <paramref name="member"/> (1-based).</summary>
    public void Kill(int member) => Run($"kill {_dir.Path} {member}");

    public void Dispose()
    {
        Run($"stop {_dir.Path}");
        _dir.Dispose();
    }

    private static string Run(string arguments)
    {
        var script = RepoPaths.InRepo("deploy", "local", "etcd.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", $"{script} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"etcd.sh {arguments}: {error}");
        }

        return output;
    }
}
