using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SensorChain.TestSupport;

namespace SensorChain.Clinical.Tests.Notifications;

/// <summary>
/// A real SMTP server on 127.0.0.1: the npm <c>smtp-server</c> package driven by <c>smtp/smtp-test-server.js</c>.
/// Runs <c>npm ci</c> first when the packages are missing. Needs node and npm on the PATH.
/// </summary>
public sealed class SmtpTestServer : IAsyncLifetime
{
    private readonly ConcurrentQueue<ReceivedMail> _mails = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private Process? _process;

    public int Port { get; private set; }

    public static string Folder => RepoPaths.InRepo("tests", "SensorChain.Clinical.Tests", "Notifications", "smtp");

    public async Task InitializeAsync()
    {
        var node = FindOnPath("node") ?? throw new InvalidOperationException("node is not on the PATH: install Node.js (e.g. apt-get install nodejs npm) to run the SMTP notification tests.");
        if (!File.Exists(Path.Combine(Folder, "node_modules", "smtp-server", "package.json")))
        {
            var npm = FindOnPath("npm") ?? throw new InvalidOperationException("npm is not on the PATH: needed for 'npm ci' of the SMTP test server.");
            using var ci = Process.Start(new ProcessStartInfo(npm, "ci --no-audit --no-fund") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stderr = ci.StandardError.ReadToEndAsync();
            await ci.StandardOutput.ReadToEndAsync();
            await ci.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            if (ci.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed in {Folder}: {await stderr}");
            }
        }

        var start = new ProcessStartInfo(node, "smtp-test-server.js 0") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
        _process = Process.Start(start)!;
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("SMTP test server exited."));
                return;
            }

            if (e.Data.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                listening.TrySetResult(int.Parse(e.Data.AsSpan(10), CultureInfo.InvariantCulture));
            }
            else if (e.Data.StartsWith("MAIL ", StringComparison.Ordinal))
            {
                _mails.Enqueue(JsonSerializer.Deserialize<ReceivedMail>(e.Data.AsSpan(5), new JsonSerializerOptions(JsonSerializerDefaults.Web))!);
                _arrived.Release();
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits for the next message received.</summary>
    public async Task<ReceivedMail> NextAsync(TimeSpan timeout)
    {
        if (!await _arrived.WaitAsync(timeout))
        {
            throw new TimeoutException("No e-mail arrived at the SMTP test server.");
        }

        return _mails.TryDequeue(out var mail) ? mail : throw new InvalidOperationException("Signalled without a message.");
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }
        }

        _process?.Dispose();
        _arrived.Dispose();
        await Task.CompletedTask;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}

public sealed record ReceivedMail(string? From, string[] To, string Data);
