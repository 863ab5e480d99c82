using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>The parent's handle on a <c>bench mqtt-ingest</c> child process (same executable).</summary>
internal sealed class BenchIngestProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Dictionary<string, string>> _stats = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _times;
    private long _stored;

    private BenchIngestProcess(Process process, string times)
    {
        _process = process;
        _times = times;
    }

    public int Id => _process.Id;

    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>User + system CPU seconds of the child so far.</summary>
    public double? CpuSeconds => ProcessCpu.Seconds(_process.Id);

    public static async Task<BenchIngestProcess> StartAsync(IReadOnlyList<string> arguments, string times, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this executable is unknown.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchIngestProcess).Assembly.Location);
        }

        start.ArgumentList.Add("bench");
        start.ArgumentList.Add("mqtt-ingest");
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.ArgumentList.Add("--times");
        start.ArgumentList.Add(times);
        var child = new BenchIngestProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the ingester process."), times);
        _ = Task.Run(child.ReadLinesAsync, CancellationToken.None);
        await child._ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return child;
    }

    /// <summary>Asks the child to stop, waits for its stats line; returns them and the store times.</summary>
    public async Task<(Dictionary<string, string> Stats, long[] StoredTicks)> StopAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync("stop");
        await _process.StandardInput.FlushAsync(cancellationToken);
        var stats = await _stats.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var ticks = MemoryMarshal.Cast<byte, long>(await File.ReadAllBytesAsync(_times, cancellationToken)).ToArray();
        File.Delete(_times);
        return (stats, ticks);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private async Task ReadLinesAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == "ready")
                {
                    _ready.TrySetResult();
                }
                else if (line.StartsWith("stored ", StringComparison.Ordinal))
                {
                    Interlocked.Exchange(ref _stored, long.Parse(line.AsSpan(7), CultureInfo.InvariantCulture));
                }
                else if (line.StartsWith("stats ", StringComparison.Ordinal))
                {
                    _stats.TrySetResult(line[6..].Split(' ').Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]));
                }
                else
                {
                    await Console.Error.WriteLineAsync("ingester: " + line);
                }
            }
        }
        finally
        {
            var failure = new InvalidOperationException("The ingester process ended early; see its output above.");
            _ready.TrySetException(failure);
            _stats.TrySetException(failure);
        }
    }
}
