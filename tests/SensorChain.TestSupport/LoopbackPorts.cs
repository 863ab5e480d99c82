using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SensorChain.TestSupport;

/// <summary>
/// Ports on 127.0.0.1 for servers that tests start in other processes (Mosquitto, the cloud host, webhook receivers).
/// Taken below the kernel's ephemeral range, so no outgoing connection can be given one between the check and the
/// server's own bind (a port asked from the kernel with bind(0) can), and never handed out twice in one test process
/// (two bind(0) calls in a row can return the same port once the first socket is closed). Above the fixed ports of
/// deploy/local (PostgreSQL 15432, InfluxDB 18086, Mosquitto 18830/18883, etcd 23794–23806).
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 25000;
    private static readonly Lock Gate = new();
    private static readonly int Highest = EphemeralLow() - 1;
    private static int _next = Lowest + (Environment.ProcessId * 379 % Math.Max(1, Highest - Lowest));

    /// <summary>One free port.</summary>
    public static int Next() => Next(1)[0];

    /// <summary><paramref name="count"/> distinct free ports.</summary>
    public static int[] Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var ports = new int[count];
        lock (Gate)
        {
            for (var i = 0; i < count; i++)
            {
                ports[i] = NextFree();
            }
        }

        return ports;
    }

    private static int NextFree()
    {
        for (var tried = 0; tried <= Highest - Lowest; tried++)
        {
            var port = _next;
            _next = port >= Highest ? Lowest : port + 1;
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port in {Lowest}-{Highest}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLow()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(range)
            && int.TryParse(File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && low > Lowest + 1000)
        {
            return low;
        }

        return 32768;
    }
}
