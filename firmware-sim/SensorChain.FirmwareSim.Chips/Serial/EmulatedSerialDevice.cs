using SensorChain.FirmwareSim.Chips.I2c;

namespace SensorChain.FirmwareSim.Chips.Serial;

/// <summary>
/// A serial instrument on a pseudo-terminal: every <see cref="IntervalSeconds"/> it emits a message, paced at the
/// baud rate (10 bits per byte, 8N1) because a PTY ignores the configured speed. The path the host opens is a
/// symlink (<see cref="LinkPath"/>) that follows the PTY when the device is unplugged and plugged back in.
/// Faults: <see cref="Unplug"/>/<see cref="Plug"/> (the PTY closes; the host's read fails) and <see cref="CorruptNext"/>.
/// </summary>
public abstract class EmulatedSerialDevice : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ChipClock _clock;
    private PseudoTerminal? _pty;
    private Thread? _thread;
    private int _corrupt;

    /// <summary>Creates the device.</summary>
    protected EmulatedSerialDevice(ChipClock clock, string linkPath, int baud, double intervalSeconds)
    {
        _clock = clock;
        LinkPath = linkPath;
        Baud = baud;
        IntervalSeconds = intervalSeconds;
    }

    /// <summary>Symlink the host opens.</summary>
    public string LinkPath { get; }

    /// <summary>Baud rate used for pacing.</summary>
    public int Baud { get; }

    /// <summary>Seconds between messages.</summary>
    public double IntervalSeconds { get; }

    /// <summary>Messages sent.</summary>
    public long Sent { get; private set; }

    /// <summary>Current /dev/pts/N, or null while unplugged.</summary>
    public string? PtyPath => _pty?.SlavePath;

    /// <summary>Opens the PTY, links it and starts sending.</summary>
    public void Start()
    {
        Plug();
        _thread = new Thread(Run) { IsBackground = true, Name = GetType().Name };
        _thread.Start();
    }

    /// <summary>Closes the PTY: the host sees the device vanish.</summary>
    public void Unplug()
    {
        lock (_gate)
        {
            _pty?.Dispose();
            _pty = null;
        }
    }

    /// <summary>Opens a fresh PTY and points the link at it.</summary>
    public void Plug()
    {
        lock (_gate)
        {
            if (_pty is not null)
            {
                return;
            }

            _pty = PseudoTerminal.Open();
            var temp = LinkPath + ".new";
            File.Delete(temp);
            File.CreateSymbolicLink(temp, _pty.SlavePath);
            File.Move(temp, LinkPath, overwrite: true);
        }
    }

    /// <summary>The next <paramref name="count"/> messages carry a wrong checksum.</summary>
    public void CorruptNext(int count = 1) => Interlocked.Exchange(ref _corrupt, count);

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(2));
        Unplug();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The message for time t (seconds since power-up); <paramref name="corrupt"/> asks for a bad checksum.</summary>
    protected abstract byte[] Message(double t, bool corrupt);

    private void Run()
    {
        var next = Math.Min(1.0, IntervalSeconds);
        var scratch = new byte[64];
        while (!_stop.IsCancellationRequested)
        {
            lock (_gate)
            {
                _pty?.Read(scratch); // drain ACK/NAK from the host
            }

            var now = _clock.Now;
            if (now >= next)
            {
                next += IntervalSeconds;
                var corrupt = Interlocked.Decrement(ref _corrupt) >= 0;
                if (!corrupt)
                {
                    Interlocked.Exchange(ref _corrupt, 0);
                }

                SendPaced(Message(now, corrupt));
                Sent++;
            }

            _stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(20));
        }
    }

    private void SendPaced(byte[] message)
    {
        var bytesPerSecond = Baud / 10.0;
        var started = _clock.Now;
        var sent = 0;
        while (sent < message.Length && !_stop.IsCancellationRequested)
        {
            var allowed = (int)Math.Min(message.Length, Math.Floor((_clock.Now - started) * bytesPerSecond) + 1);
            if (allowed > sent)
            {
                lock (_gate)
                {
                    if (_pty is null)
                    {
                        return;
                    }

                    // Bytes the line cannot take (no reader) are lost, as on a real UART.
                    _ = _pty.Write(message.AsSpan(sent, allowed - sent));
                }

                sent = allowed;
            }

            _stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(10));
        }
    }
}
