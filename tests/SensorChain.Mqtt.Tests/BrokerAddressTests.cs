using FsCheck;
using FsCheck.Fluent;
using SensorChain.Transport.Mqtt;

namespace SensorChain.Mqtt.Tests;

public sealed class BrokerAddressTests
{
    [Theory]
    [InlineData("mqtts://localhost:18883", "localhost", 18883, true)]
    [InlineData("mqtt://127.0.0.1", "127.0.0.1", 1883, false)]
    [InlineData("mqtts://broker.example", "broker.example", 8883, true)]
    public void Valid_urls_parse_to_host_port_and_tls(string url, string host, int port, bool tls) =>
        Assert.Equal(new MqttBrokerAddress(host, port, tls), MqttBrokerAddress.Parse(url));

    [Theory]
    [InlineData("http://localhost:1883", "scheme")]
    [InlineData("mqtt://localhost:1883/x", "path")]
    [InlineData("localhost:1883", "expected mqtt")]
    [InlineData("", "empty")]
    public void Invalid_urls_are_rejected_naming_the_problem(string url, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => MqttBrokerAddress.Parse(url));
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parsing_arbitrary_strings_never_throws_anything_but_format_errors() =>
        Prop.ForAll<string>(s =>
        {
            var ok = MqttBrokerAddress.TryParse(s, out var address, out var error);
            return ok ? address.Port is > 0 and <= 65535 && error.Length == 0 : error.Length > 0;
        }).QuickCheckThrowOnFailure();
}
