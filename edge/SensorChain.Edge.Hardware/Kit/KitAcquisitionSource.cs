using SensorChain.Edge.Acquisition;
using SensorChain.Edge.Hardware.Bus;
using SensorChain.Edge.Hardware.Serial;
using SensorChain.Protocol;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>
/// The gateway's acquisition source for a sensor kit described by <see cref="KitConfig"/>: one polling thread reads
/// every I2C sensor when due, serial devices have their own reader threads, and each window returns every channel
/// with its quality flags. A failing device never stops the source: its channels are flagged and it is
/// re-initialised when it answers again.
/// </summary>
public sealed class KitAcquisitionSource : IAcquisitionSource
{
    private readonly TimeProvider _time;
    private readonly List<II2cBus> _buses = [];
    private readonly List<KitSensor> _sensors = [];
    private readonly List<SerialSensor> _serial = [];
    private readonly double[] _due;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    /// <summary>Builds the kit; <paramref name="openBus"/> and <paramref name="openSerial"/> default to Linux devices and sockets.</summary>
    public KitAcquisitionSource(KitConfig config, TimeProvider time, Func<KitBusConfig, II2cBus>? openBus = null, Func<KitSerialConfig, ISerialPort>? openSerial = null)
    {
        config.Validate();
        _time = time;
        openBus ??= DefaultBus;
        openSerial ??= s => TermiosSerialPort.Open(s.Path, s.Baud, TimeSpan.FromMilliseconds(200));
        var buses = new Dictionary<int, II2cBus>();
        foreach (var bus in config.I2c)
        {
            var opened = openBus(bus);
            buses[bus.Bus] = opened;
            _buses.Add(opened);
        }

        var leads = new LeadState();
        foreach (var s in config.Sensors)
        {
            var device = buses[s.Bus].CreateDevice(s.Address);
            KitSensor sensor = s.Chip switch
            {
                "max30102" => new PpgSensor(device, (int)s.RateHz),
                "ads1115-ecg" => new EcgSensor(device, s.RateHz, leads),
                "ads1115-aux" => new AuxAnalogSensor(device, s.RateHz, leads),
                "tmp117" => new TemperatureSensor(device),
                _ => new AccelerometerSensor(device, s.RateHz),
            };
            _sensors.Add(sensor);
        }

        foreach (var p in config.Serial)
        {
            var settings = p;
            SerialSensor sensor = p.Device == "glucose-astm"
                ? new GlucoseMeterSensor(() => openSerial(settings), time)
                : new BloodPressureSensor(() => openSerial(settings), time);
            _serial.Add(sensor);
        }

        _due = new double[_sensors.Count];
    }

    /// <summary>The I2C sensors.</summary>
    public IReadOnlyList<KitSensor> Sensors => _sensors;

    /// <summary>The serial devices.</summary>
    public IReadOnlyList<SerialSensor> SerialDevices => _serial;

    /// <summary>Extra delay after a window ends before it is read (FIFO drain latency).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Starts the polling thread and the serial readers.</summary>
    public void Start()
    {
        foreach (var s in _serial)
        {
            s.Start();
        }

        _thread = new Thread(PollLoop) { IsBackground = true, Name = "kit-poll", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Polls every sensor that is due at the current time (the polling thread's step; tests call it directly).</summary>
    /// <returns>Milliseconds until the next sensor is due.</returns>
    public double PollDue()
    {
        var now = NowMs;
        var next = double.MaxValue;
        for (var i = 0; i < _sensors.Count; i++)
        {
            if (now >= _due[i])
            {
                _sensors[i].Poll(now);
                var interval = _sensors[i].PollIntervalMs;
                _due[i] = _due[i] == 0 || now - _due[i] > interval ? now + interval : _due[i] + interval;
            }

            next = Math.Min(next, _due[i]);
        }

        return next - now;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ChannelBlock>> ReadWindowAsync(long startUnixMs, uint durationMs, CancellationToken cancellationToken)
    {
        var readyAt = DateTimeOffset.FromUnixTimeMilliseconds(startUnixMs + durationMs) + Latency;
        var wait = readyAt - _time.GetUtcNow();
        if (wait > TimeSpan.Zero && _thread is not null)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }

        return Collect(startUnixMs, durationMs);
    }

    /// <summary>The window's channels from what has been read so far.</summary>
    public IReadOnlyList<ChannelBlock> Collect(long startUnixMs, uint durationMs)
    {
        var blocks = new List<ChannelBlock>();
        foreach (var s in _sensors)
        {
            s.Collect(startUnixMs, durationMs, blocks);
        }

        foreach (var s in _serial)
        {
            s.Collect(startUnixMs, durationMs, blocks);
        }

        return blocks;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _thread?.Join(TimeSpan.FromSeconds(2));
        foreach (var s in _serial)
        {
            s.Dispose();
        }

        foreach (var s in _sensors)
        {
            s.Dispose();
        }

        foreach (var b in _buses)
        {
            b.Dispose();
        }

        _stop.Dispose();
    }

    private double NowMs => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    private static II2cBus DefaultBus(KitBusConfig bus) =>
        bus.Socket is { } socket ? new SocketI2cBus(socket, bus.Bus) : LinuxI2cBus.Open(bus.Bus);

    private void PollLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            var wait = PollDue();
            if (wait > 0.5)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(wait, 50)));
            }
        }
    }
}
