using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SensorChain.Edge.Gateway;
using SensorChain.Protocol;
using SensorChain.Transport;
using SensorChain.Transport.Mqtt;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// The demo's real-broker transport (<c>sensorchain demo --broker …</c>): one MQTT publisher per gateway (client id =
/// device id) and one ingester subscriber. For <c>mqtts://</c> the PKI folder of deploy/local/pki.sh provides the CA and
/// the ingester certificate, and each gateway's own key is certified on first use (CN = device id).
/// </summary>
internal sealed class MqttDemoTransport : IAsyncDisposable
{
    private readonly MqttBrokerAddress _address;
    private readonly string? _pki;
    private readonly List<MqttBatchPublisher> _publishers = [];

    private MqttDemoTransport(MqttBrokerAddress address, string? pki, MqttBatchSubscriber subscriber)
    {
        _address = address;
        _pki = pki;
        Subscriber = subscriber;
    }

    public MqttBatchSubscriber Subscriber { get; }

    /// <summary>Validates the URL and PKI folder and creates the subscriber (not yet started).</summary>
    public static MqttDemoTransport Create(string brokerUrl, string? pkiDirectory, bool gatewayOnly = false)
    {
        var address = MqttBrokerAddress.Parse(brokerUrl);
        string? pki = null;
        if (address.UseTls)
        {
            pki = Path.GetFullPath(pkiDirectory ?? throw new ArgumentException($"--broker {brokerUrl} uses TLS: pass --pki DIR (made by deploy/local/pki.sh init DIR)."));
            foreach (var file in gatewayOnly ? ["ca.crt"] : new[] { "ca.crt", "ca.key", "clients/ingest.crt", "clients/ingest.key" })
            {
                if (!File.Exists(Path.Combine(pki, file)))
                {
                    throw new ArgumentException($"--pki {pki} lacks {file}; create it with deploy/local/pki.sh init {pki}.");
                }
            }
        }

        var connection = MqttConnectionOptions.For(address, "x", pki is null ? null : Path.Combine(pki, "ca.crt"),
            pki is null ? null : Path.Combine(pki, "clients", "ingest.crt"), pki is null ? null : Path.Combine(pki, "clients", "ingest.key"));
        var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = connection, Group = "demo", Slots = ["demo-ingest-0", "demo-ingest-1"] }, TimeProvider.System);
        return new MqttDemoTransport(address, pki, subscriber);
    }

    /// <summary>A publisher for the gateway whose files live in <paramref name="gatewayFolder"/> (its key is created if missing).</summary>
    public Task<IBatchPublisher> CreatePublisherAsync(string gatewayFolder, CancellationToken cancellationToken) => CreatePublisherAsync(gatewayFolder, null, cancellationToken);

    /// <summary>As above; <paramref name="logger"/> gets the publisher's connection problems and clock offset.</summary>
    public async Task<IBatchPublisher> CreatePublisherAsync(string gatewayFolder, ILogger<MqttBatchPublisher>? logger, CancellationToken cancellationToken)
    {
        var keyFile = Path.Combine(gatewayFolder, GatewayInstance.KeyFileName);
        string deviceId;
        using (var key = DeviceKey.LoadOrCreate(keyFile))
        {
            deviceId = key.Id.ToString();
        }

        string? cert = null;
        if (_pki is not null && File.Exists(Path.Combine(_pki, "devices", deviceId + ".crt")))
        {
            // Provisioned already (on a Pi: installed with the gateway); no CA key needed here.
            cert = Path.Combine(_pki, "devices", deviceId + ".crt");
        }
        else if (_pki is not null)
        {
            var certified = (await CertifyAsync(_pki, keyFile, cancellationToken)).Trim();
            if (certified != deviceId)
            {
                throw new InvalidOperationException($"pki.sh certified {certified}, expected device {deviceId}.");
            }

            cert = Path.Combine(_pki, "devices", deviceId + ".crt");
        }

        var connection = MqttConnectionOptions.For(_address, deviceId, _pki is null ? null : Path.Combine(_pki, "ca.crt"), cert, _pki is null ? null : keyFile);
        var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = connection, DeviceId = deviceId }, TimeProvider.System, logger);
        _publishers.Add(publisher);
        return new NonOwningPublisher(publisher);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var publisher in _publishers)
        {
            await publisher.DisposeAsync();
        }

        await Subscriber.DisposeAsync();
    }

    private static async Task<string> CertifyAsync(string pki, string keyFile, CancellationToken cancellationToken)
    {
        var script = Path.Combine(LocalMosquitto.DeployFolder() ?? throw new InvalidOperationException("deploy/local/pki.sh not found; set SENSORCHAIN_DEPLOY."), "local", "pki.sh");
        var psi = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "device", pki, keyFile })
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot run " + script);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException("pki.sh device failed: " + await error);
    }

    /// <summary>The gateway disposes its publisher; the transport owns the connection and closes it last.</summary>
    private sealed class NonOwningPublisher(MqttBatchPublisher inner) : IBatchPublisher
    {
        public bool IsConnected => inner.IsConnected;

        public Task PublishAsync(string deviceId, ulong sequence, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken) =>
            inner.PublishAsync(deviceId, sequence, batch, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
