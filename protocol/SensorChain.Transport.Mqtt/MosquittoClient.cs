using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using SensorChain.Transport.Mqtt.Native;

namespace SensorChain.Transport.Mqtt;

/// <summary>
/// One libmosquitto MQTT 5 client with its own network thread. The thread polls the socket and drives
/// <c>mosquitto_loop_read</c>/<c>_write</c>/<c>_misc</c>, and reconnects with exponential backoff and jitter;
/// <c>mosquitto_threaded_set(true)</c> makes every packet (including the PUBACK of a received message) go out from
/// that thread only, after the callback that caused it has returned.
/// </summary>
/// <remarks>
/// Why not <c>mosquitto_loop_start</c>: its thread applies the same reconnect delay to every client (no jitter, so a
/// restarted broker sees every gateway at once) and ends for good after a TLS or protocol error, leaving a dead
/// client. Why not <c>mosquitto_loop</c>: it waits with <c>select</c>, which cannot watch a descriptor numbered 1024 or
/// more, so in a process with many open files (a fleet of gateways, an ingester serving many web clients) a new
/// connection never came up. <c>poll</c> has no such limit; an <c>eventfd</c> wakes it when another thread queues a
/// packet (publish, subscribe, disconnect).
/// </remarks>
internal sealed unsafe class MosquittoClient : IDisposable
{
    private const int NoConnection = 4; // MOSQ_ERR_NO_CONN
    private const int ErrnoError = 14;  // MOSQ_ERR_ERRNO
    private readonly MqttConnectionOptions _options;
    private readonly IMosquittoEvents _events;
    private readonly ILogger _logger;
    private readonly MosquittoHandle _handle;
    private readonly SafeFileHandle _wake; // eventfd; a SafeHandle so a late Wake() can never write to a reused descriptor
    private GCHandle _self;
    private Thread? _thread;
    private volatile bool _stopping;
    private volatile bool _connected;
    private int _disposed;

    public MosquittoClient(MqttConnectionOptions options, IMosquittoEvents events, ILogger logger, string? willTopic = null, byte[]? willPayload = null)
    {
        _options = options;
        _events = events;
        _logger = logger;
        _self = GCHandle.Alloc(this);
        _wake = new SafeFileHandle(Libc.EventFd(0, Libc.EfdNonBlock | Libc.EfdCloExec), ownsHandle: true);
        try
        {
            if (_wake.IsInvalid)
            {
                throw new TransportException($"eventfd failed (errno {Marshal.GetLastPInvokeError()}).");
            }

            _handle = MosquittoHandle.Create(options.ClientId, cleanStart: options.SessionExpiry == TimeSpan.Zero, GCHandle.ToIntPtr(_self));
            Check(MosquittoNative.IntOption(_handle, MosquittoNative.ProtocolVersionOption, MosquittoNative.MqttV5), "select MQTT 5");
            Check(MosquittoNative.IntOption(_handle, MosquittoNative.ReceiveMaximumOption, options.ReceiveMaximum), "set receive maximum");
            Check(MosquittoNative.IntOption(_handle, MosquittoNative.TcpNoDelayOption, 1), "set TCP_NODELAY");
            Check(MosquittoNative.ThreadedSet(_handle, true), "set threaded mode");
            if (options.UsesTls)
            {
                RequireFile(options.CaFile!, "CA certificate");
                if (options.CertFile is not null)
                {
                    RequireFile(options.CertFile, "client certificate");
                    RequireFile(options.KeyFile ?? throw new ArgumentException("A client certificate needs its key file."), "client key");
                }

                Check(MosquittoNative.TlsSet(_handle, options.CaFile, null, options.CertFile, options.KeyFile, IntPtr.Zero), "configure TLS");
                Check(MosquittoNative.TlsOptsSet(_handle, 1, "tlsv1.2", null), "configure TLS options");
            }

            if (willTopic is not null && willPayload is not null)
            {
                fixed (byte* p = willPayload)
                {
                    Check(MosquittoNative.WillSetV5(_handle, willTopic, willPayload.Length, p, 1, true, IntPtr.Zero), "set last will");
                }
            }

            MosquittoNative.ConnectV5CallbackSet(_handle, &OnConnectNative);
            MosquittoNative.DisconnectV5CallbackSet(_handle, &OnDisconnectNative);
            MosquittoNative.PublishV5CallbackSet(_handle, &OnPublishNative);
            MosquittoNative.MessageV5CallbackSet(_handle, &OnMessageNative);
        }
        catch
        {
            _handle?.Dispose();
            _self.Free();
            _wake.Dispose();
            throw;
        }
    }

    /// <summary>The options this client was made with.</summary>
    public MqttConnectionOptions Options => _options;

    /// <summary>True between a successful CONNACK and the next disconnect.</summary>
    public bool IsConnected => _connected;

    /// <summary>The last connection problem, readable by an operator (e.g. TLS or authorisation failure), or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>Starts the network thread, which connects and keeps reconnecting until <see cref="Dispose"/>.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_thread is not null)
        {
            return;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "mqtt " + _options.ClientId };
        _thread.Start();
    }

    /// <summary>Queues a publish; returns its message id. Thread-safe. The payload is copied by libmosquitto.</summary>
    public int Publish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain, IReadOnlyList<KeyValuePair<string, string>>? userProperties = null) =>
        TryPublish(topic, payload, qos, retain, userProperties, out var mid)
            ? mid
            : throw new TransportException($"Publish to '{topic}' failed: {MosquittoNative.ErrorText(MosquittoNative.ErrNoConnection)}.");

    /// <summary>
    /// As <see cref="Publish"/>, but false instead of an exception when the connection is down (also in the moment
    /// after it dropped and before <see cref="IMosquittoEvents.OnDisconnected"/> has run); other failures still throw.
    /// </summary>
    public bool TryPublish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain, IReadOnlyList<KeyValuePair<string, string>>? userProperties, out int mid)
    {
        var props = IntPtr.Zero;
        try
        {
            if (userProperties is not null)
            {
                foreach (var (name, value) in userProperties)
                {
                    Check(MosquittoNative.PropertyAddStringPair(ref props, MosquittoNative.PropUserProperty, name, value), "add user property");
                }
            }

            int rc;
            fixed (byte* p = payload)
            {
                rc = MosquittoNative.PublishV5(_handle, out mid, topic, payload.Length, p, qos, retain, props);
            }

            if (rc == MosquittoNative.ErrNoConnection)
            {
                return false;
            }

            if (rc != 0)
            {
                throw new TransportException($"Publish to '{topic}' failed: {MosquittoNative.ErrorText(rc)}.");
            }

            Wake();

            return true;
        }
        finally
        {
            if (props != IntPtr.Zero)
            {
                MosquittoNative.PropertyFreeAll(ref props);
            }
        }
    }

    /// <summary>Queues a SUBSCRIBE. Call from <see cref="IMosquittoEvents.OnConnected"/> so it is renewed on every connect.</summary>
    public void Subscribe(string filter, int qos, bool noLocal = false)
    {
        var rc = MosquittoNative.SubscribeV5(_handle, out _, filter, qos, noLocal ? MosquittoNative.SubscribeNoLocal : 0, IntPtr.Zero);
        if (rc != 0)
        {
            throw new TransportException($"Subscribe to '{filter}' failed: {MosquittoNative.ErrorText(rc)}.");
        }

        Wake();
    }

    /// <summary>
    /// Breaks the connection at once without writing anything more (no PUBACK for the message being handled), so
    /// the broker keeps it unacknowledged and redelivers it after the reconnect. Only for the network thread.
    /// </summary>
    public void AbortConnection()
    {
        var fd = MosquittoNative.Socket(_handle);
        if (fd >= 0)
        {
            _ = MosquittoNative.ShutdownSocket(fd, 2);
        }
    }

    /// <summary>
    /// Makes the network thread end instead of reconnecting after the current connection is gone (e.g. after the broker
    /// handed this client id to another connection). Safe from any thread, including callbacks; still call <see cref="Dispose"/>.
    /// </summary>
    public void StopReconnecting() => _stopping = true;

    /// <summary>Sends DISCONNECT (no last will), stops the network thread and frees the native client.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping = true;
        if (_connected)
        {
            _ = MosquittoNative.DisconnectV5(_handle, 0, IntPtr.Zero);
        }

        Wake();

        if (_thread is not null && Thread.CurrentThread != _thread && !_thread.Join(TimeSpan.FromSeconds(5)))
        {
            MqttLog.NetworkThreadStuck(_logger, _options.ClientId);
            return; // leak rather than free memory the thread may still use
        }

        _handle.Dispose();
        _self.Free();
        _wake.Dispose();
    }

    /// <summary>The simulated crash for tests: stops the network thread without DISCONNECT, so the broker publishes the last will.</summary>
    internal void Kill()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping = true;
        AbortConnection();
        Wake();
        _thread?.Join(TimeSpan.FromSeconds(5));
        _handle.Dispose();
        _self.Free();
        _wake.Dispose();
    }

    private void Run()
    {
        var attempt = 0;
        var props = IntPtr.Zero;
        try
        {
            var expiry = (uint)Math.Min(uint.MaxValue, _options.SessionExpiry.TotalSeconds);
            if (expiry > 0)
            {
                Check(MosquittoNative.PropertyAddInt32(ref props, MosquittoNative.PropSessionExpiryInterval, expiry), "add session expiry");
            }

            // mosquitto_connect_bind_v5 keeps host, port and properties for every later mosquitto_reconnect.
            var rc = MosquittoNative.ConnectBindV5(_handle, _options.Host, _options.Port, (int)_options.KeepAlive.TotalSeconds, null, props);
            var socketUp = rc == 0;
            if (!socketUp)
            {
                Report($"connect to {_options.Host}:{_options.Port} failed: {MosquittoNative.ErrorText(rc)}");
            }

            while (!_stopping)
            {
                if (!socketUp)
                {
                    Sleep(attempt++);
                    if (_stopping)
                    {
                        break;
                    }

                    rc = MosquittoNative.Reconnect(_handle);
                    socketUp = rc == 0;
                    if (!socketUp)
                    {
                        Report($"reconnect to {_options.Host}:{_options.Port} failed: {MosquittoNative.ErrorText(rc)}");
                        continue;
                    }
                }

                rc = LoopOnce(100);
                if (rc != 0)
                {
                    socketUp = false;
                    _connected = false;
                    if (!_stopping)
                    {
                        Report($"connection lost: {MosquittoNative.ErrorText(rc)}");
                    }
                }
                else if (_connected)
                {
                    attempt = 0;
                }
            }

            // Flush the DISCONNECT queued by Dispose.
            for (var i = 0; i < 20 && MosquittoNative.Socket(_handle) >= 0 && LoopOnce(50) == 0; i++)
            {
            }
        }
        catch (Exception ex)
        {
            MqttLog.NetworkThreadFailed(_logger, _options.ClientId, ex);
        }
        finally
        {
            _connected = false;
            if (props != IntPtr.Zero)
            {
                MosquittoNative.PropertyFreeAll(ref props);
            }
        }
    }

    /// <summary>
    /// One turn of the network loop: waits up to <paramref name="timeoutMs"/> for the socket (readable, or writable when
    /// packets are queued) or a wake-up, then reads, writes and runs the keep-alive. Returns a libmosquitto error code.
    /// </summary>
    private int LoopOnce(int timeoutMs)
    {
        var socket = MosquittoNative.Socket(_handle);
        if (socket < 0)
        {
            return NoConnection;
        }

        var fds = stackalloc Libc.PollFd[2];
        fds[0] = new Libc.PollFd { Fd = socket, Events = (short)(Libc.PollIn | (MosquittoNative.WantWrite(_handle) ? Libc.PollOut : 0)) };
        fds[1] = new Libc.PollFd { Fd = (int)_wake.DangerousGetHandle(), Events = Libc.PollIn }; // alive until this thread is joined
        if (Libc.Poll(fds, 2, timeoutMs) < 0)
        {
            return Marshal.GetLastPInvokeError() == Libc.Eintr ? 0 : ErrnoError;
        }

        if ((fds[1].Revents & Libc.PollIn) != 0)
        {
            ulong count;
            _ = Libc.Read((int)_wake.DangerousGetHandle(), &count, sizeof(ulong));
        }

        if ((fds[0].Revents & Libc.PollNval) != 0)
        {
            return NoConnection;
        }

        if ((fds[0].Revents & (Libc.PollIn | Libc.PollHup | Libc.PollErr)) != 0)
        {
            var rc = MosquittoNative.LoopRead(_handle, 1);
            if (rc != 0)
            {
                return rc;
            }
        }

        if (MosquittoNative.WantWrite(_handle))
        {
            var rc = MosquittoNative.LoopWrite(_handle, 1);
            if (rc != 0)
            {
                return rc;
            }
        }

        return MosquittoNative.LoopMisc(_handle);
    }

    /// <summary>Wakes the network thread's poll so a packet queued by another thread goes out now.</summary>
    private void Wake()
    {
        var added = false;
        try
        {
            _wake.DangerousAddRef(ref added);
            ulong one = 1;
            _ = Libc.Write((int)_wake.DangerousGetHandle(), &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // disposed: nothing left to wake
        }
        finally
        {
            if (added)
            {
                _wake.DangerousRelease();
            }
        }
    }

    private void Sleep(int attempt)
    {
        var baseMs = _options.ReconnectMin.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        var capped = Math.Min(baseMs, _options.ReconnectMax.TotalMilliseconds);
        var withJitter = capped * (0.5 + (Random.Shared.NextDouble() * 0.5));
        var until = Environment.TickCount64 + (long)withJitter;
        while (!_stopping && Environment.TickCount64 < until)
        {
            Thread.Sleep(Math.Max(1, (int)Math.Min(50, until - Environment.TickCount64)));
        }
    }

    private void Report(string problem)
    {
        if (LastError != problem)
        {
            MqttLog.ConnectionProblem(_logger, _options.ClientId, problem);
        }

        LastError = problem;
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0)
        {
            throw new TransportException($"libmosquitto could not {what}: {MosquittoNative.ErrorText(rc)}.");
        }
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} file '{path}' does not exist.", path);
        }
    }

    private static MosquittoClient? From(IntPtr obj) =>
        obj == IntPtr.Zero ? null : GCHandle.FromIntPtr(obj).Target as MosquittoClient;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnConnectNative(IntPtr mosq, IntPtr obj, int reasonCode, int flags, IntPtr props)
    {
        var client = From(obj);
        if (client is null)
        {
            return;
        }

        try
        {
            client._connected = reasonCode == 0;
            if (reasonCode == 0)
            {
                client.LastError = null;
                MqttLog.Connected(client._logger, client._options.ClientId, client._options.Host, client._options.Port, (flags & 1) != 0);
            }
            else
            {
                client.Report($"broker refused the connection: {MosquittoNative.ReasonText(reasonCode)}");
            }

            client._events.OnConnected(client, reasonCode, (flags & 1) != 0);
        }
        catch (Exception ex)
        {
            MqttLog.CallbackFailed(client._logger, "connect", ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnDisconnectNative(IntPtr mosq, IntPtr obj, int rc, IntPtr props)
    {
        var client = From(obj);
        if (client is null)
        {
            return;
        }

        try
        {
            client._connected = false;
            if (rc != 0 && !client._stopping)
            {
                client.Report($"disconnected: {MosquittoNative.ReasonText(rc)} ({MosquittoNative.ErrorText(rc)})");
            }

            client._events.OnDisconnected(client, rc);
        }
        catch (Exception ex)
        {
            MqttLog.CallbackFailed(client._logger, "disconnect", ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnPublishNative(IntPtr mosq, IntPtr obj, int mid, int reasonCode, IntPtr props)
    {
        var client = From(obj);
        if (client is null)
        {
            return;
        }

        try
        {
            client._events.OnPublished(client, mid, reasonCode);
        }
        catch (Exception ex)
        {
            MqttLog.CallbackFailed(client._logger, "publish", ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessageNative(IntPtr mosq, IntPtr obj, MosquittoMessage* message, IntPtr props)
    {
        var client = From(obj);
        if (client is null || message is null)
        {
            return;
        }

        try
        {
            var topic = Marshal.PtrToStringUTF8(message->Topic) ?? string.Empty;
            var payload = new ReadOnlySpan<byte>((void*)message->Payload, Math.Max(0, message->PayloadLength));
            client._events.OnMessage(client, topic, payload, props);
        }
        catch (Exception ex)
        {
            MqttLog.CallbackFailed(client._logger, "message", ex);
        }
    }

    /// <summary>Reads the first user property named <paramref name="name"/> from a callback's property list.</summary>
    internal static string? ReadUserProperty(IntPtr properties, string name)
    {
        var skip = false;
        var current = properties;
        while (current != IntPtr.Zero)
        {
            current = MosquittoNative.PropertyReadStringPair(current, MosquittoNative.PropUserProperty, out var n, out var v, skip);
            if (current == IntPtr.Zero)
            {
                return null;
            }

            try
            {
                if (Marshal.PtrToStringUTF8(n) == name)
                {
                    return Marshal.PtrToStringUTF8(v);
                }
            }
            finally
            {
                MosquittoNative.Free(n);
                MosquittoNative.Free(v);
            }

            skip = true;
        }

        return null;
    }

    /// <summary>UTF-8 helper for status payloads.</summary>
    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
