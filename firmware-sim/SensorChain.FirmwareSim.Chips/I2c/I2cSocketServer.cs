using System.Buffers.Binary;
using System.Net.Sockets;
using SensorChain.Edge.Hardware.Bus;

namespace SensorChain.FirmwareSim.Chips.I2c;

/// <summary>
/// Serves an <see cref="EmulatedI2cBus"/> on a Unix domain socket using <see cref="I2cTunnelProtocol"/>, one thread per
/// client. Malformed requests get status 2 and the connection is closed; the server keeps running.
/// </summary>
public sealed class I2cSocketServer : IDisposable
{
    private readonly EmulatedI2cBus _bus;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _clients = [];

    /// <summary>Binds <paramref name="socketPath"/> (replacing a stale file) and starts accepting.</summary>
    public I2cSocketServer(EmulatedI2cBus bus, string socketPath)
    {
        _bus = bus;
        SocketPath = socketPath;
        File.Delete(socketPath);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(8);
        new Thread(AcceptLoop) { IsBackground = true, Name = "i2c-socket-accept" }.Start();
    }

    /// <summary>The socket path.</summary>
    public string SocketPath { get; }

    /// <summary>Requests rejected as malformed.</summary>
    public long BadRequests => Interlocked.Read(ref _badRequests);

    private long _badRequests;

    /// <summary>Handles one request payload; returns the response frame (length-prefixed). Never throws.</summary>
    public byte[] Handle(ReadOnlySpan<byte> payload)
    {
        var error = I2cTunnelProtocol.TryParseRequest(payload, out var address, out var writeOffset, out var writeLength, out var readLength);
        if (error is not null)
        {
            Interlocked.Increment(ref _badRequests);
            return [1, 0, I2cTunnelProtocol.StatusBadRequest];
        }

        var response = new byte[3 + readLength];
        try
        {
            _bus.Transfer(address, payload.Slice(writeOffset, writeLength), response.AsSpan(3));
            BinaryPrimitives.WriteUInt16LittleEndian(response, (ushort)(1 + readLength));
            response[2] = I2cTunnelProtocol.StatusAck;
            return response;
        }
        catch (I2cNackException)
        {
            return [1, 0, I2cTunnelProtocol.StatusNack];
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        lock (_clients)
        {
            foreach (var c in _clients)
            {
                c.Dispose();
            }
        }

        File.Delete(SocketPath);
        _stop.Dispose();
    }

    private void AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            lock (_clients)
            {
                _clients.Add(client);
            }

            new Thread(() => Serve(client)) { IsBackground = true, Name = "i2c-socket-client" }.Start();
        }
    }

    private void Serve(Socket client)
    {
        var buffer = new byte[2 + I2cTunnelProtocol.RequestHeader + I2cTunnelProtocol.MaxTransfer];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (!ReceiveExactly(client, buffer.AsSpan(0, 2)))
                {
                    return;
                }

                var length = BinaryPrimitives.ReadUInt16LittleEndian(buffer);
                if (length > buffer.Length - 2)
                {
                    Interlocked.Increment(ref _badRequests);
                    client.Send([1, 0, I2cTunnelProtocol.StatusBadRequest]);
                    return;
                }

                if (!ReceiveExactly(client, buffer.AsSpan(2, length)))
                {
                    return;
                }

                var response = Handle(buffer.AsSpan(2, length));
                client.Send(response);
                if (response[2] == I2cTunnelProtocol.StatusBadRequest)
                {
                    return;
                }
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            lock (_clients)
            {
                _clients.Remove(client);
            }

            client.Dispose();
        }
    }

    private static bool ReceiveExactly(Socket socket, Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            var n = socket.Receive(destination);
            if (n == 0)
            {
                return false;
            }

            destination = destination[n..];
        }

        return true;
    }
}
