using SensorChain.Edge.Hardware.Interop;

namespace SensorChain.Edge.Hardware.Bus;

/// <summary>
/// Linux userspace I2C through /dev/i2c-N: each transaction is one I2C_RDWR ioctl (write and read joined by a
/// repeated START). Needs the i2c-dev module (raspi-config nonint do_i2c 0) and membership of group <c>i2c</c>.
/// </summary>
public sealed unsafe class LinuxI2cBus : II2cBus, II2cTransport
{
    /// <summary>ioctl: set the slave address for plain read/write.</summary>
    public const uint I2cSlave = 0x0703;

    /// <summary>ioctl: combined transfer of i2c_msg structs.</summary>
    public const uint I2cRdwr = 0x0707;

    private const ushort I2cMRd = 0x0001;
    private readonly Lock _gate = new();
    private int _fd;

    private LinuxI2cBus(int busId, int fd)
    {
        BusId = busId;
        _fd = fd;
    }

    /// <inheritdoc />
    public int BusId { get; }

    /// <summary>Opens /dev/i2c-<paramref name="busId"/>.</summary>
    public static LinuxI2cBus Open(int busId)
    {
        var path = $"/dev/i2c-{busId}";
        var fd = Libc.Open(path, Libc.O_RDWR | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw Libc.Error($"open {path}", Libc.LastError);
        }

        return new LinuxI2cBus(busId, fd);
    }

    /// <inheritdoc />
    public I2cDevice CreateDevice(int deviceAddress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(deviceAddress, 0x03);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(deviceAddress, 0x77);
        return new BusI2cDevice(this, new I2cConnectionSettings(BusId, deviceAddress));
    }

    /// <inheritdoc />
    public void Transfer(int address, ReadOnlySpan<byte> write, Span<byte> read)
    {
        var messages = stackalloc Libc.I2cMsg[2];
        fixed (byte* w = write)
        fixed (byte* r = read)
        {
            uint count = 0;
            if (write.Length > 0)
            {
                messages[count++] = new Libc.I2cMsg { Addr = (ushort)address, Flags = 0, Len = checked((ushort)write.Length), Buf = w };
            }

            if (read.Length > 0)
            {
                messages[count++] = new Libc.I2cMsg { Addr = (ushort)address, Flags = I2cMRd, Len = checked((ushort)read.Length), Buf = r };
            }

            if (count == 0)
            {
                return;
            }

            var data = new Libc.I2cRdwrIoctlData { Msgs = messages, NMsgs = count };
            int result;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_fd < 0, this);
                result = Libc.Ioctl(_fd, I2cRdwr, (nint)(&data));
            }

            if (result < 0)
            {
                var errno = Libc.LastError;
                if (errno is Libc.ENXIO or Libc.EREMOTEIO or Libc.EIO)
                {
                    throw new I2cNackException($"I2C device 0x{address:X2} on bus {BusId} did not acknowledge (errno {errno}).");
                }

                throw Libc.Error($"I2C_RDWR to 0x{address:X2} on bus {BusId}", errno);
            }
        }
    }

    /// <summary>Selects the slave address for plain read()/write() (I2C_SLAVE); kept for tools that need it.</summary>
    public void SelectSlave(int address)
    {
        lock (_gate)
        {
            if (Libc.Ioctl(_fd, I2cSlave, address) < 0)
            {
                throw Libc.Error($"I2C_SLAVE 0x{address:X2}", Libc.LastError);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_fd >= 0)
            {
                _ = Libc.Close(_fd);
                _fd = -1;
            }
        }
    }
}
