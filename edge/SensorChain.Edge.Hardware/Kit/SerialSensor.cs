using System.Text;
using SensorChain.Edge.Hardware.Serial;
using SensorChain.Protocol;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>
/// A serial device read on its own thread: opens the port (retrying every second while it is missing), splits the
/// byte stream into frames, and records spot readings and ParseError/DeviceFault events with their Unix ms.
/// A read error (USB adapter unplugged, PTY closed) closes the port and goes back to reopening.
/// </summary>
public abstract class SerialSensor : IDisposable
{
    private readonly Func<ISerialPort> _open;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _frame = new byte[512];
    private Thread? _thread;
    private int _length;
    private bool _inFrame;

    /// <summary>Creates the sensor.</summary>
    protected SerialSensor(Func<ISerialPort> open, TimeProvider time)
    {
        _open = open;
        _time = time;
    }

    /// <summary>Readings and events; protected by its own lock.</summary>
    protected TimedSeries Events { get; } = new();

    /// <summary>True while the port is open.</summary>
    public bool Connected { get; private set; }

    /// <summary>Frames rejected so far.</summary>
    public long ParseErrors { get; private set; }

    /// <summary>Last rejection reason.</summary>
    public string? LastError { get; protected set; }

    /// <summary>Starts the reader thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = GetType().Name };
        _thread.Start();
    }

    /// <summary>Adds this device's channel blocks for the window.</summary>
    public abstract void Collect(long startMs, uint durationMs, List<ChannelBlock> output);

    /// <summary>Feeds bytes as if read from the port (used by the reader thread and by tests).</summary>
    public void Feed(ReadOnlySpan<byte> bytes, double nowMs, ISerialPort? port)
    {
        foreach (var b in bytes)
        {
            if (!_inFrame)
            {
                if (IsFrameStart(b))
                {
                    _inFrame = true;
                    _length = 0;
                    _frame[_length++] = b;
                }
                else
                {
                    OnControlByte(b, port);
                }

                continue;
            }

            if (_length == _frame.Length)
            {
                _inFrame = false;
                Reject(nowMs, "frame longer than 512 bytes", port);
                continue;
            }

            _frame[_length++] = b;
            if (b == (byte)'\n')
            {
                _inFrame = false;
                var error = OnFrame(_frame.AsSpan(0, _length), nowMs);
                if (error is null)
                {
                    Acknowledge(port, true);
                }
                else
                {
                    Reject(nowMs, error, port);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(2));
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>True for the byte that starts a frame.</summary>
    protected abstract bool IsFrameStart(byte b);

    /// <summary>Handles a byte outside a frame (ENQ, EOT).</summary>
    protected virtual void OnControlByte(byte b, ISerialPort? port)
    {
    }

    /// <summary>Sends ACK/NAK when the protocol has them.</summary>
    protected virtual void Acknowledge(ISerialPort? port, bool ok)
    {
    }

    /// <summary>Handles a complete frame; returns null or the reason it was rejected.</summary>
    protected abstract string? OnFrame(ReadOnlySpan<byte> frame, double nowMs);

    /// <summary>Spot block of one reading kind in the window.</summary>
    protected ChannelBlock Spot(SensorKind kind, TimedSeries series, long startMs, uint durationMs, SignalQuality extra)
    {
        var raw = series.Raw(startMs, startMs + durationMs);
        var values = new double[raw.Count];
        var offsets = new uint[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            values[i] = raw[i].V;
            offsets[i] = (uint)Math.Clamp(raw[i].T - startMs, 0, durationMs - 1);
        }

        return ChannelBlock.FromSpotValues(kind, values, offsets, extra);
    }

    /// <summary>Flags of this device in the window (ParseError, DeviceFault).</summary>
    protected SignalQuality FlagsIn(long startMs, uint durationMs) =>
        Events.FlagsIn(startMs, startMs + durationMs) | (Connected ? SignalQuality.Good : SignalQuality.DeviceFault);

    private void Reject(double nowMs, string error, ISerialPort? port)
    {
        ParseErrors++;
        LastError = error;
        Events.Flag(nowMs, SignalQuality.ParseError);
        Acknowledge(port, false);
    }

    private double NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Run()
    {
        var buffer = new byte[256];
        while (!_stop.IsCancellationRequested)
        {
            ISerialPort? port = null;
            try
            {
                port = _open();
                Connected = true;
                _inFrame = false;
                while (!_stop.IsCancellationRequested)
                {
                    var n = port.Read(buffer);
                    if (n > 0)
                    {
                        Feed(buffer.AsSpan(0, n), NowMs, port);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LastError = ex.Message;
                Events.Flag(NowMs, SignalQuality.DeviceFault);
            }
            finally
            {
                Connected = false;
                port?.Dispose();
            }

            _stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>ASCII text of a frame for parsers.</summary>
    protected static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
