using Microsoft.Extensions.Logging;
using SensorChain.Edge.Acquisition;
using SensorChain.Edge.Outbox;
using SensorChain.Protocol;
using SensorChain.Transport;

namespace SensorChain.Edge.Gateway;

/// <summary>
/// A gateway with its files under one data folder: <c>device.pem</c> (the key, created on first start, mode 0600)
/// and <c>outbox.db</c> (SQLite WAL). Owns the key, outbox and source; the publisher is shared or owned by the caller.
/// </summary>
public sealed class GatewayInstance : IAsyncDisposable
{
    /// <summary>File name of the device key inside the data folder.</summary>
    public const string KeyFileName = "device.pem";

    /// <summary>File name of the outbox database inside the data folder.</summary>
    public const string OutboxFileName = "outbox.db";

    private GatewayInstance(DeviceKey key, SqliteOutbox outbox, IAcquisitionSource source, EdgeGateway gateway)
    {
        Key = key;
        Outbox = outbox;
        Source = source;
        Gateway = gateway;
    }

    /// <summary>The device key.</summary>
    public DeviceKey Key { get; }

    /// <summary>The durable outbox.</summary>
    public IOutbox Outbox { get; }

    /// <summary>The acquisition source.</summary>
    public IAcquisitionSource Source { get; }

    /// <summary>The pipeline.</summary>
    public EdgeGateway Gateway { get; }

    /// <summary>Opens (creating on first start) the gateway stored in <paramref name="dataDirectory"/>.</summary>
    public static async Task<GatewayInstance> OpenAsync(
        string dataDirectory,
        IAcquisitionSource source,
        IBatchPublisher publisher,
        TimeProvider time,
        GatewayOptions? options,
        ILogger<EdgeGateway>? logger,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var key = DeviceKey.LoadOrCreate(Path.Combine(dataDirectory, KeyFileName));
        try
        {
            var outbox = await SqliteOutbox.OpenAsync(Path.Combine(dataDirectory, OutboxFileName), cancellationToken);
            return new GatewayInstance(key, outbox, source, new EdgeGateway(key, source, outbox, publisher, time, options, logger));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await Outbox.DisposeAsync();
        await Source.DisposeAsync();
        Key.Dispose();
    }
}
