using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SensorChain.TestSupport;

namespace SensorChain.Mqtt.Tests;

/// <summary>deploy/local/mosquitto.sh's argument checks and the ports the broker fixtures take.</summary>
public sealed class LocalBrokerScriptTests
{
    [Fact]
    public async Task Start_refuses_one_port_for_both_listeners_naming_the_ports()
    {
        using var dir = new TempDirectory();
        var port = LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Broker.Script("mosquitto.sh", "start", dir.Path, port, port));

        Assert.Contains("must differ", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "mosquitto.pid")));
    }

    [Fact]
    public void Fixture_ports_are_distinct_bindable_and_below_the_ephemeral_range()
    {
        var ports = LoopbackPorts.Next(50).Concat(LoopbackPorts.Next(50)).ToArray();
        var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], CultureInfo.InvariantCulture);

        Assert.Equal(ports.Length, ports.Distinct().Count());
        var roomBelow = ephemeralLow > 26_000; // LoopbackPorts takes 25000 up to the ephemeral range when there is room
        Assert.All(ports, p => Assert.InRange(p, 1024, roomBelow ? ephemeralLow - 1 : 65535));
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
    }
}
