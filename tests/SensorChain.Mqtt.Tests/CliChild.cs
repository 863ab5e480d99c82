using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SensorChain.TestSupport;

namespace SensorChain.Mqtt.Tests;

/// <summary>
/// A <c>sensorchain</c> child process (<see cref="CliProcess.Start"/>) whose output is drained continuously (an unread
/// pipe would block the child once full) and kept, the last lines, for failure messages.
/// </summary>
public sealed class CliChild : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Process _process;

    private CliChild(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines printed (stdout and stderr), for diagnostics.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>Starts <c>sensorchain</c> with <paramref name="arguments"/>.</summary>
    public static CliChild Start(IEnumerable<string> arguments) => new(CliProcess.Start(arguments));

    /// <summary>Waits until a printed line contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(clock.Elapsed < timeout && !_process.HasExited, $"'{text}' not printed within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no clean-up, no DISCONNECT, no flush.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGSTOP (<paramref name="stop"/>) or SIGCONT: the process hangs with its sockets open, or resumes.</summary>
    public async Task FreezeAsync(bool stop)
    {
        using var signal = Process.Start("kill", [stop ? "-STOP" : "-CONT", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await signal.WaitForExitAsync();
    }

    /// <summary>SIGTERM and wait for the clean exit.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > 300)
        {
            _lines.TryDequeue(out _);
        }
    }
}
