namespace SensorChain.Transport.Mqtt;

/// <summary>A broker URL: <c>mqtt://host[:port]</c> (plain, default 1883) or <c>mqtts://host[:port]</c> (TLS, default 8883).</summary>
public sealed record MqttBrokerAddress(string Host, int Port, bool UseTls)
{
    /// <summary>Parses <paramref name="url"/>, throwing <see cref="FormatException"/> naming what was wrong.</summary>
    public static MqttBrokerAddress Parse(string url)
    {
        if (!TryParse(url, out var address, out var error))
        {
            throw new FormatException(error);
        }

        return address;
    }

    /// <summary>Parses <paramref name="url"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? url, out MqttBrokerAddress address, out string error)
    {
        address = new MqttBrokerAddress("localhost", 1883, false);
        if (string.IsNullOrWhiteSpace(url))
        {
            error = "Broker URL is empty; expected mqtt://host:port or mqtts://host:port.";
            return false;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            error = $"Broker URL '{url}' is not a URL; expected mqtt://host:port or mqtts://host:port.";
            return false;
        }

        bool tls;
        switch (uri.Scheme)
        {
            case "mqtt":
                tls = false;
                break;
            case "mqtts":
                tls = true;
                break;
            default:
                error = $"Broker URL '{url}' has scheme '{uri.Scheme}'; expected mqtt or mqtts.";
                return false;
        }

        if (uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            error = $"Broker URL '{url}' must have no path, query or user name.";
            return false;
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 8883 : 1883) : uri.Port;
        address = new MqttBrokerAddress(uri.Host, port, tls);
        error = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
