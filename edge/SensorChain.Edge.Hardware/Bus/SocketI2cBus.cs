using System.Buffers.Binary;
using System.Net.Sockets;

namespace SensorChain.Edge.Hardware.Bus;

/// <summary>
/// An I2C bus whose transactions travel to another process over a Unix domain socket
/// (<see cref="I2cTunnelProtocol"/>): the gateway talks to emulated chips exactly as to /dev/i2c-N.
/// A lost connection surfaces as <see cref="IOException"/>; the next transfer reconnects.
/// </summary>
public sealed class SocketI2cBus : II2cBus, II2cTransport
{
    private readonly string _socketPath;
    private readonly Lock _gate = new();
    private readonly byte[] _buffer = new byte[2 + I2cTunnelProtocol.RequestHeader + I2cTunnelProtocol.MaxTransfer + 1];
    private Socket? _socket;

    /// <summary>Creates the client; connects on first use.</summary>
    public SocketI2cBus(string socketPath, int busId)
    {
        _socketPath = socketPath;
        BusId = busId;
    }

    /// <inheritdoc />
    public int BusId { get; }

    /// <inheritdoc />
    public I2cDevice CreateDevice(int deviceAddress) => new BusI2cDevice(this, new I2cConnectionSettings(BusId, deviceAddress));

    /// <inheritdoc />
    public void Transfer(int address, ReadOnlySpan<byte> write, Span<byte> read)
    {
        lock (_gate)
        {
            try
            {
                var socket = _socket ??= Connect();
                var length = I2cTunnelProtocol.WriteRequest(_buffer, address, write, read.Length);
                socket.Send(_buffer.AsSpan(0, length));
                ReceiveExactly(socket, _buffer.AsSpan(0, 2));
                var responseLength = BinaryPrimitives.ReadUInt16LittleEndian(_buffer);
                if (responseLength < 1 || responseLength > _buffer.Length)
                {
                    throw new IOException($"I2C tunnel sent a response of invalid length {responseLength}.");
                }

                ReceiveExactly(socket, _buffer.AsSpan(0, responseLength));
                switch (_buffer[0])
                {
                    case I2cTunnelProtocol.StatusAck when responseLength == 1 + read.Length:
                        _buffer.AsSpan(1, read.Length).CopyTo(read);
                        return;
                    case I2cTunnelProtocol.StatusNack:
                        throw new I2cNackException($"I2C device 0x{address:X2} on tunnelled bus {BusId} did not acknowledge.");
                    default:
                        throw new IOException($"I2C tunnel answered status {_buffer[0]} with {responseLength} bytes.");
                }
            }
            catch (SocketException ex)
            {
                DropConnection();
                throw new IOException($"I2C tunnel {_socketPath}: {ex.Message}", ex);
            }
            catch (IOException ex) when (ex is not I2cNackException)
            {
                DropConnection();
                throw;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            DropConnection();
        }
    }

    private static void ReceiveExactly(Socket socket, Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            var n = socket.Receive(destination);
            if (n == 0)
            {
                throw new IOException("I2C tunnel closed the connection.");
            }

            destination = destination[n..];
        }
    }

    private Socket Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(_socketPath));
            socket.ReceiveTimeout = 2000;
            socket.SendTimeout = 2000;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void DropConnection()
    {
        _socket?.Dispose();
        _socket = null;
    }
}
